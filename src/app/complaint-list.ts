// The admin queue: filters, full-text search, sort, live changes and CSV export, always within what the user
// may see (officers: their agency only).
import type { STATUSES } from '../domain/process.js';
import { overdueWhere } from '../domain/sla.js';
import { plainCount } from './complaint-count.js';
import { summary, visibleText } from './complaint-summary.js';
import type { AppContext } from './context.js';
import { complaintScope, type SessionUser } from './roles.js';
import { SEARCH_CAP, searchComplaintIds } from './search.js';

export interface ListFilter {
  status?: (typeof STATUSES)[number];
  agency?: string;
  channel?: string;
  needsReview?: 'true' | 'false';
  overdue?: 'verify' | 'follow_up' | 'at_risk';
  q?: string;
  sort: 'newest' | 'urgent';
  limit: number;
  offset: number;
}

/** Complaints whose clock has run past half its time and is not met yet (late ones included). */
export function atRiskWhere(ctx: AppContext, now: Date) {
  // Half of each clock in calendar time; the verify clock counts working days, so this is slightly early.
  const verifyHalf = new Date(now.getTime() + (ctx.sla.verifyWorkingDays * 86_400_000) / 2);
  const followHalf = new Date(now.getTime() + (ctx.sla.followUpDays * 86_400_000) / 2);
  return {
    OR: [
      { status: { in: ['received', 'on_hold'] }, verifiedAt: null, forwardedAt: null, verifyDueAt: { lt: verifyHalf } },
      { status: { in: ['forwarded', 'in_progress'] }, followedUpAt: null, followUpDueAt: { lt: followHalf } },
    ],
  };
}

/** The Prisma `where` of a filter for this user. */
export async function listWhere(ctx: AppContext, user: SessionUser, f: ListFilter) {
  return (await listQuery(ctx, user, f)).where;
}

/** The `where` of a filter, and whether a text search hit SEARCH_CAP (then only the newest matches count). */
async function listQuery(ctx: AppContext, user: SessionUser, f: ListFilter) {
  const now = ctx.now();
  const q = f.q?.trim();
  const ids = q ? await searchComplaintIds(ctx.db, q) : null;
  const trackingLike = q && /^[A-Za-z]{2,5}-\d{6}-[A-Za-z0-9]{4,8}$/.test(q) ? q.toUpperCase() : null;
  const and: object[] = [complaintScope(user)];
  if (ids) and.push(trackingLike ? { OR: [{ id: { in: ids } }, { trackingId: trackingLike }] } : { id: { in: ids } });
  if (f.status) and.push({ status: f.status });
  // An officer's agency is fixed by their account: an agency filter cannot widen or move it.
  if (f.agency && user.role !== 'officer')
    and.push({ OR: [{ assignedAgency: f.agency }, { assignedAgency: null, suggestedAgency: f.agency }] });
  if (f.channel) and.push({ channel: f.channel });
  if (f.needsReview) and.push({ needsReview: f.needsReview === 'true' });
  if (f.overdue) and.push(f.overdue === 'at_risk' ? atRiskWhere(ctx, now) : overdueWhere(f.overdue, now));
  // Merged duplicates are not queue items: their case is.
  if (!trackingLike) and.push({ mergedIntoId: null });
  if (f.sort === 'urgent' && !f.status)
    and.push({ status: { in: ['received', 'verified', 'on_hold', 'forwarded', 'in_progress'] } });
  return { where: { AND: and }, searchCapped: (ids?.length ?? 0) >= SEARCH_CAP };
}

// Every complaint gets a verification due date at intake, so no NULLS LAST is needed (it would defeat the index).
const orderOf = (sort: ListFilter['sort']) =>
  sort === 'urgent'
    ? [{ verifyDueAt: 'asc' as const }, { createdAt: 'desc' as const }]
    : [{ createdAt: 'desc' as const }];

/** One page of the queue. */
export async function listComplaints(ctx: AppContext, user: SessionUser, f: ListFilter) {
  const { where, searchCapped } = await listQuery(ctx, user, f);
  const [total, rows] = await Promise.all([
    plainCount(ctx.db, user, f).then((n) => n ?? ctx.db.complaint.count({ where })),
    ctx.db.complaint.findMany({
      where,
      orderBy: orderOf(f.sort),
      take: f.limit,
      skip: f.offset,
      include: { reporter: { select: { displayName: true, phone: true } } },
    }),
  ]);
  const now = ctx.now();
  return { total, items: rows.map((c) => summary(c, user, now)), ...(searchCapped ? { searchCapped } : {}) };
}

/** What changed since a moment (new complaints, new messages, status changes), for a queue without reload. */
export async function complaintChanges(ctx: AppContext, user: SessionUser, since: Date) {
  // updatedAt is written by the database client with the real clock, so the cursor uses it too.
  const now = new Date();
  const rows = await ctx.db.complaint.findMany({
    where: { ...complaintScope(user), updatedAt: { gt: since } },
    orderBy: { updatedAt: 'asc' },
    take: 200,
    include: { reporter: { select: { displayName: true, phone: true } } },
  });
  const at = ctx.now();
  return { items: rows.map((c) => summary(c, user, at)), now: now.toISOString() };
}

/** At most this many rows in one CSV export. */
export const CSV_MAX_ROWS = 10_000;

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = [
  'trackingId',
  'createdAt',
  'status',
  'channel',
  'suggestedAgency',
  'assignedAgency',
  'needsReview',
  'privacy',
  'verifyClock',
  'followUpClock',
  'reporter',
  'text',
] as const;

/** The whole filtered list as CSV (up to CSV_MAX_ROWS), with the same masking as the list. */
export async function complaintsCsv(ctx: AppContext, user: SessionUser, f: ListFilter): Promise<string> {
  const where = await listWhere(ctx, user, f);
  const rows = await ctx.db.complaint.findMany({
    where,
    orderBy: orderOf(f.sort),
    take: CSV_MAX_ROWS,
    include: { reporter: { select: { displayName: true, phone: true } } },
  });
  const now = ctx.now();
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of rows) {
    const s = summary(c, user, now);
    const values = [
      s.trackingId,
      s.createdAt,
      s.status,
      s.channel,
      s.suggestedAgency,
      s.assignedAgency,
      s.needsReview,
      s.privacy,
      s.clocks.verify?.state,
      s.clocks.followUp?.state,
      s.reporterLabel,
      visibleText(user, c.privacy, c.text),
    ];
    lines.push(values.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
