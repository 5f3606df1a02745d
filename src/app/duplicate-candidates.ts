// Candidate duplicates of one complaint for the admin desk: open complaints not merged yet, created within the
// time window, from the same agency or nearby, or simply the closest in time; scored and ranked. Never merges.
import { compileConcepts, loadSlang, loadTrainingCorpus, stemConcepts } from '../classifier/index.js';
import type { DuplicateCandidate } from '../domain/duplicate-candidate.js';
import { OPEN_STATUSES } from '../domain/process.js';
import { visibleText } from './complaint-summary.js';
import type { AppContext } from './context.js';
import { complaintNotFound } from './desk-errors.js';
import { buildIdf, type Idf, type TermConfig, terms } from './duplicate-text.js';
import {
  DEFAULT_DUPLICATE_SETTINGS,
  type DuplicateInput,
  type DuplicateSettings,
  type Prepared,
  prepare,
  scorePair,
} from './duplicates.js';
import { complaintScope, type SessionUser } from './roles.js';

/** The term configuration and IDF weights, built once per process from the classifier's data (read-only). */
export interface DuplicateModel {
  config: TermConfig;
  idf: Idf;
}

let shared: DuplicateModel | null = null;

/** Loads the slang dictionary and the IDF of the classifier's corpus (about 2,000 complaints) once. */
export function duplicateModel(): DuplicateModel {
  if (shared) return shared;
  const slang = loadSlang();
  const config = { slang: slang.entries, concepts: compileConcepts(stemConcepts(slang.concepts, slang.entries)) };
  const docs = loadTrainingCorpus().map((e) => terms(e.text, config));
  shared = { config, idf: buildIdf(docs) };
  return shared;
}

// Prepared complaints by id: neighbouring requests read mostly the same window of complaints. Checked against
// the current text and agency (a message appended to a complaint changes its text); bounded.
const preparedCache = new Map<string, Prepared>();
const CACHE_MAX = 20_000;

function prepareCached(id: string, input: DuplicateInput, model: DuplicateModel): Prepared {
  const hit = preparedCache.get(id);
  if (hit && hit.input.text === input.text && hit.input.agency === input.agency) return { ...hit, input };
  const fresh = prepare(input, model.config, model.idf);
  if (preparedCache.size >= CACHE_MAX) preparedCache.clear();
  preparedCache.set(id, fresh);
  return fresh;
}

// Bounds that keep one request cheap at 100,000 complaints: rows read per prefilter, suggestions returned.
const PER_FILTER = 300;
const MAX_ITEMS = 10;
// About 1.5 km around a shared location, in degrees of latitude/longitude near the equator.
const BOX_DEGREES = 0.015;

const SELECT = {
  id: true,
  trackingId: true,
  text: true,
  channel: true,
  status: true,
  privacy: true,
  createdAt: true,
  latitude: true,
  longitude: true,
  assignedAgency: true,
  suggestedAgency: true,
} as const;

type Scope = ReturnType<typeof complaintScope>;

async function findTarget(ctx: AppContext, scope: Scope, trackingId: string) {
  const target = await ctx.db.complaint.findFirst({ where: { trackingId, ...scope }, select: SELECT });
  if (!target) throw complaintNotFound(trackingId);
  return target;
}

type Row = Awaited<ReturnType<typeof findTarget>>;

/** The rows worth scoring: open complaints in the window, of the same agency, nearby, or simply the newest. */
async function prefilteredRows(ctx: AppContext, scope: Scope, target: Row, windowDays: number): Promise<Row[]> {
  const windowMs = windowDays * 86_400_000;
  const base = {
    ...scope,
    id: { not: target.id },
    mergedIntoId: null,
    // Served by the (status, createdAt) index: the window bounds the rows read.
    status: { in: [...OPEN_STATUSES] },
    createdAt: {
      gte: new Date(target.createdAt.getTime() - windowMs),
      lte: new Date(target.createdAt.getTime() + windowMs),
    },
  };
  const agency = target.assignedAgency ?? target.suggestedAgency;
  const near =
    target.latitude != null && target.longitude != null
      ? {
          latitude: { gte: target.latitude - BOX_DEGREES, lte: target.latitude + BOX_DEGREES },
          longitude: { gte: target.longitude - BOX_DEGREES, lte: target.longitude + BOX_DEGREES },
        }
      : null;
  const take = PER_FILTER;
  const [byAgency, byPlace, recent] = await Promise.all([
    agency
      ? ctx.db.complaint.findMany({
          where: { ...base, OR: [{ assignedAgency: agency }, { suggestedAgency: agency }] },
          select: SELECT,
          orderBy: { createdAt: 'desc' },
          take,
        })
      : [],
    near ? ctx.db.complaint.findMany({ where: { ...base, ...near }, select: SELECT, take }) : [],
    // The classifier may suggest another agency for the same pothole: the newest complaints are read anyway.
    ctx.db.complaint.findMany({ where: base, select: SELECT, orderBy: { createdAt: 'desc' }, take: 100 }),
  ]);
  return [...new Map([...byAgency, ...byPlace, ...recent].map((r) => [r.id, r])).values()];
}

/** Suggested duplicates of complaint `trackingId`, best first; a 404 DeskError when the user may not see it. */
export async function duplicateCandidates(
  ctx: AppContext,
  user: SessionUser,
  trackingId: string,
  settings: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS,
): Promise<DuplicateCandidate[]> {
  const scope = complaintScope(user);
  const target = await findTarget(ctx, scope, trackingId);
  const rows = await prefilteredRows(ctx, scope, target, settings.windowDays);
  const model = duplicateModel();
  const asInput = (r: Row) => ({ ...r, agency: r.assignedAgency ?? r.suggestedAgency });
  const prepared = prepareCached(target.id, asInput(target), model);
  const scored = rows.map((r) => ({
    row: r,
    ...scorePair(prepared, prepareCached(r.id, asInput(r), model), settings),
  }));
  return scored
    .filter((s) => s.score >= settings.threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_ITEMS)
    .map(({ row, score, reasons }) => ({
      trackingId: row.trackingId,
      score,
      reasons,
      channel: row.channel,
      status: row.status,
      excerpt: [...visibleText(user, row.privacy, row.text)].slice(0, 200).join(''),
      createdAt: row.createdAt,
    }));
}
