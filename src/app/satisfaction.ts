// Reporter satisfaction on every channel: when a complaint is resolved every reporter of the case is asked,
// on their own channel, to rate the handling 1-5; intake reads a reply within the window as the answer
// (before its "reply to a resolved complaint reopens it" rule). A low score flags the case for the admins;
// "belum selesai" reopens it.
import type { Tx } from '../db/client.js';
import type { Status } from '../domain/process.js';
import { truncateText } from '../domain/text-hygiene.js';
import { enqueue } from '../outbox/enqueue.js';
import { complaintEventData, recordWebhookEvent } from '../webhooks/events.js';
import { type CaseComplaint, caseRecipients, xDmAddress } from './case-recipients.js';
import type { AppContext } from './context.js';
import { type RatingAnswer, recogniseRating } from './satisfaction-recognise.js';
import { ratingQuestion, ratingQuestionWeb, ratingReopened, ratingThanks } from './satisfaction-texts.js';
import { transitionInTx } from './transitions.js';

/** How satisfaction is asked and read (from config, through the context). */
export interface SatisfactionSettings {
  /** A reply this long after the question is still read as the rating. */
  windowMs: number;
  /** A rating at or below this flags the case for the admins. */
  lowRatingMax: number;
  /** Whether an X DM reaches us (X_POLL_DMS): a public mention is asked by DM only then, else not at all. */
  xDms: boolean;
}

export const DEFAULT_SATISFACTION: SatisfactionSettings = { windowMs: 7 * 86_400_000, lowRatingMax: 2, xDms: true };

const settingsOf = (ctx: AppContext): SatisfactionSettings => ctx.satisfaction ?? DEFAULT_SATISFACTION;
const MAX_COMMENT = 2_000;
const REOPENABLE: readonly Status[] = ['resolved', 'archived'];
/** Channels with nobody to ask: Open311 clients read replies back themselves. */
const NOT_ASKED = new Set(['open311']);

/** Where the question goes: the reporter's own address; a public X mention only by DM (never in public). */
async function questionAddress(tx: Tx, ctx: AppContext, address: string, reporterId: string) {
  if (!address.startsWith('x:tweet:')) return address;
  return settingsOf(ctx).xDms ? xDmAddress(tx, reporterId) : null;
}

/**
 * Asks every reporter of a resolved case (inside the resolving transaction). One question per complaint and
 * reporter (the outbox dedupe key), queued after the "resolved" notice so it arrives second.
 */
export async function askForRatings(tx: Tx, ctx: AppContext, c: CaseComplaint, at: Date): Promise<number> {
  const s = settingsOf(ctx);
  const recipients = await caseRecipients(tx, c);
  const rows = await tx.complaint.findMany({
    where: { id: { in: recipients.map((r) => r.complaintId) } },
    select: { id: true, reporterId: true, channel: true, ratedAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  let asked = 0;
  for (const r of recipients) {
    const row = byId.get(r.complaintId);
    if (!row || r.reporterBlocked || row.ratedAt || NOT_ASKED.has(row.channel)) continue;
    const address = await questionAddress(tx, ctx, r.address, row.reporterId);
    if (!address) continue;
    const web = address.startsWith('web:');
    const fresh = await enqueue(tx, {
      dedupeKey: `satisfaction:${r.complaintId}:${row.reporterId}`,
      address,
      complaintId: r.complaintId,
      kind: 'satisfaction',
      text: web ? ratingQuestionWeb(r.trackingId) : ratingQuestion(r.trackingId, Math.round(s.windowMs / 86_400_000)),
      // Just after the "resolved" notice queued a moment ago (the outbox sends by this time), yet due at once.
      notBefore: new Date(Date.now() + 1),
    });
    // The web page has its own form; only chat answers are awaited by intake.
    if (fresh && !web) await tx.complaint.update({ where: { id: r.complaintId }, data: { ratingAskedAt: at } });
    if (fresh) asked++;
  }
  return asked;
}

export interface SatisfactionInput {
  reporterId: string;
  messageId: string;
  text: string;
  replyAddress: string;
  /** Replies are skipped during a flood (intake's rule); the rating is still stored. */
  quiet?: boolean;
}

/** The reporter's complaint awaiting a rating now (asked within the window, not yet answered), if any. */
export async function awaitingRating(tx: Tx, ctx: AppContext, reporterId: string) {
  const since = new Date(ctx.now().getTime() - settingsOf(ctx).windowMs);
  return tx.complaint.findFirst({
    where: { reporterId, ratingAskedAt: { gte: since }, ratedAt: null },
    orderBy: { ratingAskedAt: 'desc' },
  });
}

/**
 * Intake's step: when this reporter was asked for a rating and the message answers it, store the answer,
 * thank them, flag or reopen, and return the complaint; otherwise null (intake goes on as usual).
 */
export async function satisfactionStep(tx: Tx, ctx: AppContext, input: SatisfactionInput) {
  if (!input.text.trim()) return null;
  const pending = await awaitingRating(tx, ctx, input.reporterId);
  if (!pending) return null;
  const answer = recogniseRating(input.text);
  if (!answer) return null;
  if (!(await applyRating(tx, ctx, pending, answer, input))) return null;
  return { id: pending.id, trackingId: pending.trackingId };
}

type Pending = NonNullable<Awaited<ReturnType<typeof awaitingRating>>>;
type Rated = Pending;

const caseOf = (tx: Tx, c: { mergedIntoId: string | null }) =>
  c.mergedIntoId ? tx.complaint.findUnique({ where: { id: c.mergedIntoId } }) : Promise.resolve(null);

const flag = (tx: Tx, id: string, reason: 'low_rating' | 'not_resolved', at: Date) =>
  tx.complaint.update({ where: { id }, data: { flaggedAt: at, flagReason: reason } });

/**
 * What follows any rating, on every channel (the web page's form too): a low score flags the case for the
 * admins, and other city systems get a complaint.rated webhook, both in the rating's transaction.
 */
export async function onRated(tx: Tx, ctx: AppContext, c: Rated, rating: number) {
  const now = ctx.now();
  const caseRow = await caseOf(tx, c);
  if (rating <= settingsOf(ctx).lowRatingMax) await flag(tx, (caseRow ?? c).id, 'low_rating', now);
  const data = complaintEventData(c, { rating, caseTrackingId: caseRow?.trackingId ?? null });
  await recordWebhookEvent(tx, 'complaint.rated', data, now);
}

/** Stores the answer and what follows it; false when another answer was stored first. */
async function applyRating(
  tx: Tx,
  ctx: AppContext,
  c: Pending,
  answer: RatingAnswer,
  input: SatisfactionInput,
): Promise<boolean> {
  const s = settingsOf(ctx);
  const now = ctx.now();
  const comment = answer.comment ? truncateText(answer.comment, MAX_COMMENT) : null;
  const low = answer.rating !== null && answer.rating <= s.lowRatingMax;
  // Answered either way: the next messages are ordinary messages again. Conditional, so of two answers
  // processed at once (two instances) only one is the rating; the other goes on as an ordinary message.
  const { count } = await tx.complaint.updateMany({
    where: { id: c.id, ratedAt: null },
    data: { rating: answer.rating, ratingComment: comment, ratedAt: now, ratingAskedAt: null },
  });
  if (count === 0) return false;
  const target = (await caseOf(tx, c)) ?? c;
  const reopen = answer.notResolved && REOPENABLE.includes(target.status as Status);
  // "Not fixed" that cannot reopen (the case moved on meanwhile) still reaches the admins.
  if (answer.notResolved && !reopen) await flag(tx, target.id, 'not_resolved', now);
  if (answer.rating !== null) await onRated(tx, ctx, c, answer.rating);
  if (reopen) await transitionInTx(tx, ctx, { trackingId: target.trackingId, action: 'reopen', actor: 'reporter' });
  if (input.quiet) return true;
  await enqueue(tx, {
    dedupeKey: `reply:${input.messageId}`,
    address: input.replyAddress,
    complaintId: c.id,
    kind: reopen ? 'reopened' : 'rated',
    text: reopen ? ratingReopened(c.trackingId) : ratingThanks(c.trackingId, answer.rating, low),
  });
  return true;
}
