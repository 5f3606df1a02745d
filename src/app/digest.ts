// The daily digest: each morning every user with a linked chat account gets one message: an agency's officers
// the state of their agency (open, due within 2 days, overdue: the Ombudsman-risk list), the communications
// office's reviewers the verification queue. The dedupe key carries the local date: one per user per day, on
// every instance.
import { isUniqueViolation } from '../db/client.js';
import { overdueWhere } from '../domain/sla.js';
import { localDay } from '../domain/working-days.js';
import { enqueue } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';
import { agencyDigestText, deskDigestText, localDate } from './escalation-texts.js';

/** How far ahead "due soon" looks. */
const DUE_SOON_MS = 2 * 86_400_000;
/** Tracking IDs named per list (the rest is counted). */
const NAMED = 10;

/** Sends today's digests that were not sent yet; returns how many were queued. */
export async function runDigest(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const { date } = localDay(now, ctx.city.timeZone);
  const label = localDate(now, ctx.city.timeZone);
  const links = await ctx.db.officerChannel.findMany({
    where: { user: { disabled: false } },
    orderBy: { createdAt: 'asc' },
    include: { user: { select: { id: true, role: true, agencyCode: true, agencyHead: true } } },
  });
  // The newest link of each user: one message per user per day.
  const byUser = new Map(links.map((l) => [l.userId, l]));
  const agencyTexts = new Map<string, string | null>();
  let deskText: string | null | undefined;
  let queued = 0;
  for (const link of byUser.values()) {
    const { role, agencyCode } = link.user;
    let text: string | null = null;
    if (role === 'admin' || role === 'reviewer') {
      deskText ??= await deskDigest(ctx, now, label);
      text = deskText;
    } else if (agencyCode) {
      if (!agencyTexts.has(agencyCode)) agencyTexts.set(agencyCode, await agencyDigest(ctx, agencyCode, now, label));
      text = agencyTexts.get(agencyCode) ?? null;
    }
    if (text && (await queueDigest(ctx, link.userId, link.address, date, text))) queued++;
  }
  if (queued > 0) ctx.onOutboxWrite();
  return queued;
}

async function queueDigest(ctx: AppContext, userId: string, address: string, date: string, text: string) {
  try {
    return await ctx.db.$transaction((tx) =>
      enqueue(tx, { dedupeKey: `digest:${userId}:${date}`, address, kind: 'digest', text }),
    );
  } catch (err) {
    // Another instance queued it at the same moment.
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** One agency's digest; null when it has nothing open (no message is better than an empty one). */
async function agencyDigest(ctx: AppContext, code: string, now: Date, date: string): Promise<string | null> {
  const mine = { assignedAgency: code, mergedIntoId: null };
  const open = await ctx.db.complaint.count({
    where: { ...mine, status: { in: ['forwarded', 'in_progress', 'on_hold'] } },
  });
  if (open === 0) return null;
  const running = { ...mine, status: { in: ['forwarded', 'in_progress'] }, followedUpAt: null };
  const soonWhere = { ...running, followUpDueAt: { gte: now, lte: new Date(now.getTime() + DUE_SOON_MS) } };
  const lateWhere = { ...overdueWhere('follow_up', now), ...mine };
  const [dueSoonTotal, overdueTotal, soon, late, agency] = await Promise.all([
    ctx.db.complaint.count({ where: soonWhere }),
    ctx.db.complaint.count({ where: lateWhere }),
    ctx.db.complaint.findMany({
      where: soonWhere,
      orderBy: { followUpDueAt: 'asc' },
      take: NAMED,
      select: { trackingId: true },
    }),
    ctx.db.complaint.findMany({
      where: lateWhere,
      orderBy: { followUpDueAt: 'asc' },
      take: NAMED,
      select: { trackingId: true },
    }),
    ctx.db.agency.findUnique({ where: { code } }),
  ]);
  return agencyDigestText(
    {
      agencyName: agency?.name ?? code,
      open,
      dueSoon: soon.map((c) => c.trackingId),
      overdue: late.map((c) => c.trackingId),
      dueSoonTotal,
      overdueTotal,
    },
    date,
  );
}

/** The communications office's digest; null when nothing waits for verification. */
async function deskDigest(ctx: AppContext, now: Date, date: string): Promise<string | null> {
  const unverifiedWhere = {
    status: { in: ['received', 'on_hold'] },
    verifiedAt: null,
    forwardedAt: null,
    mergedIntoId: null,
  };
  const unverified = await ctx.db.complaint.count({ where: unverifiedWhere });
  if (unverified === 0) return null;
  const lateWhere = { ...overdueWhere('verify', now), mergedIntoId: null };
  const pastTotal = await ctx.db.complaint.count({ where: lateWhere });
  const past = await ctx.db.complaint.findMany({
    where: lateWhere,
    orderBy: { verifyDueAt: 'asc' },
    take: NAMED,
    select: { trackingId: true },
  });
  return deskDigestText(
    { verifyDays: ctx.sla.verifyWorkingDays, unverified, pastVerification: past.map((c) => c.trackingId), pastTotal },
    date,
  );
}
