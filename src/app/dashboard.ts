// The supervisor's dashboard: complaints over time, per status/agency/channel, time to verify and to first
// follow-up (median and 90th percentile), the complaints at risk of missing a clock ("risiko Ombudsman"), and
// the classifier's quality as admin decisions judge it. Officers see their own agency only.
import { percentile } from '../domain/statistics.js';
import { atRiskWhere } from './complaint-list.js';
import { summary } from './complaint-summary.js';
import type { AppContext } from './context.js';
import { complaintsPerDay, durationsHours, zoneOffsetMinutes } from './dashboard-sql.js';
import { complaintScope, type SessionUser } from './roles.js';
import { satisfactionDashboard } from './satisfaction-stats.js';

const round = (h: number) => Math.round(h * 10) / 10;

/** Median and 90th percentile of durations in hours (sorted by the database). */
function spread(durationsHours: number[]) {
  const sorted = durationsHours.filter((d) => d >= 0);
  const median = percentile(sorted, 50);
  const p90 = percentile(sorted, 90);
  return {
    median: median === null ? null : round(median),
    p90: p90 === null ? null : round(p90),
    count: sorted.length,
  };
}

const counts = <K extends string>(rows: ({ _count: { _all: number } } & Record<K, string | null>)[], k: K) =>
  Object.fromEntries(rows.map((r) => [r[k] ?? 'unassigned', r._count._all]));

/** The whole dashboard for a period (default: the last 30 days). */
export async function dashboard(ctx: AppContext, user: SessionUser, range: { from?: Date; to?: Date }) {
  const now = ctx.now();
  const from = range.from ?? new Date(now.getTime() - 30 * 86_400_000);
  const to = range.to ?? now;
  const where = { ...complaintScope(user), createdAt: { gte: from, lt: to } };
  const scope = { from, to, ...(user.role === 'officer' ? { agency: user.agencyCode ?? '\u0000none' } : {}) };
  const db = ctx.db;
  const [byStatus, byAgency, byChannel, times, atRisk, decisions] = await Promise.all([
    db.complaint.groupBy({ by: ['status'], where, _count: { _all: true } }),
    db.complaint.groupBy({ by: ['assignedAgency'], where, _count: { _all: true } }),
    db.complaint.groupBy({ by: ['channel'], where, _count: { _all: true } }),
    Promise.all([
      complaintsPerDay(db, scope, zoneOffsetMinutes(ctx.city.timeZone, now)),
      durationsHours(db, scope, '"createdAt"', 'COALESCE("verifiedAt", "forwardedAt")'),
      durationsHours(db, scope, '"forwardedAt"', '"followedUpAt"'),
    ]),
    db.complaint.findMany({
      where: { ...complaintScope(user), mergedIntoId: null, ...atRiskWhere(ctx, now) },
      orderBy: { createdAt: 'asc' },
      take: 50,
      include: { reporter: { select: { displayName: true, phone: true } } },
    }),
    classifierDecisions(ctx, user, from, to),
  ]);
  const [overTime, toVerify, toFollowUp] = times;
  return {
    from,
    to,
    overTime,
    byStatus: counts(byStatus, 'status'),
    byAgency: counts(byAgency, 'assignedAgency'),
    byChannel: counts(byChannel, 'channel'),
    timeToVerifyHours: spread(toVerify),
    timeToFollowUpHours: spread(toFollowUp),
    atRisk: atRisk.map((c) => summary(c, user, now)),
    classifier: decisions,
    satisfaction: await satisfactionDashboard(db, scope),
  };
}

/** Share of the desk's agency decisions that kept the classifier's first suggestion, overall and per agency. */
async function classifierDecisions(ctx: AppContext, user: SessionUser, from: Date, to: Date) {
  const examples = await ctx.db.labelledExample.findMany({
    where: { source: 'admin', createdAt: { gte: from, lt: to }, complaintId: { not: null } },
    select: { complaintId: true, label: true },
  });
  const complaints = await ctx.db.complaint.findMany({
    where: { id: { in: examples.map((e) => e.complaintId as string) }, ...complaintScope(user) },
    select: { id: true, classification: true },
  });
  const suggested = new Map(
    complaints.map((c) => [
      c.id,
      c.classification ? ((JSON.parse(c.classification) as { agency?: string }).agency ?? null) : null,
    ]),
  );
  const per = new Map<string, { decided: number; accepted: number }>();
  let accepted = 0;
  let decided = 0;
  for (const e of examples) {
    if (!suggested.has(e.complaintId as string)) continue;
    const ok = suggested.get(e.complaintId as string) === e.label;
    decided++;
    if (ok) accepted++;
    const row = per.get(e.label) ?? { decided: 0, accepted: 0 };
    row.decided++;
    if (ok) row.accepted++;
    per.set(e.label, row);
  }
  return {
    decided,
    accepted,
    changed: decided - accepted,
    acceptedShare: decided ? Math.round((accepted / decided) * 1000) / 1000 : null,
    perAgency: [...per.entries()].map(([agency, r]) => ({ agency, ...r })).sort((a, b) => b.decided - a.decided),
  };
}
