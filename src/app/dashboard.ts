// The supervisor's dashboard: complaints over time, per status/agency/channel, time to verify and to first
// follow-up (median and 90th percentile), the complaints at risk of missing a clock ("risiko Ombudsman"), and
// the classifier's quality as admin decisions judge it. Officers see their own agency only.
import { atRiskWhere } from './complaint-list.js';
import { summary } from './complaint-summary.js';
import type { AppContext } from './context.js';
import { complaintScope, type SessionUser } from './roles.js';

/** Nearest-rank percentile of sorted numbers (null for none). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

function spread(durationsMs: number[]) {
  const sorted = durationsMs.filter((d) => d >= 0).sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p90 = percentile(sorted, 90);
  return {
    median: median === null ? null : hours(median),
    p90: p90 === null ? null : hours(p90),
    count: sorted.length,
  };
}

const counts = <K extends string>(rows: ({ _count: { _all: number } } & Record<K, string | null>)[], k: K) =>
  Object.fromEntries(rows.map((r) => [r[k] ?? 'unassigned', r._count._all]));

/** The day (YYYY-MM-DD) of a moment in the city's time zone. */
function dayFormatter(timeZone: string) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (d: Date) => f.format(d);
}

/** The whole dashboard for a period (default: the last 30 days). */
export async function dashboard(ctx: AppContext, user: SessionUser, range: { from?: Date; to?: Date }) {
  const now = ctx.now();
  const from = range.from ?? new Date(now.getTime() - 30 * 86_400_000);
  const to = range.to ?? now;
  const where = { ...complaintScope(user), createdAt: { gte: from, lt: to } };
  const db = ctx.db;
  const [byStatus, byAgency, byChannel, times, atRisk, decisions] = await Promise.all([
    db.complaint.groupBy({ by: ['status'], where, _count: { _all: true } }),
    db.complaint.groupBy({ by: ['assignedAgency'], where, _count: { _all: true } }),
    db.complaint.groupBy({ by: ['channel'], where, _count: { _all: true } }),
    db.complaint.findMany({
      where,
      select: { createdAt: true, verifiedAt: true, forwardedAt: true, followedUpAt: true },
    }),
    db.complaint.findMany({
      where: { ...complaintScope(user), mergedIntoId: null, ...atRiskWhere(ctx, now) },
      orderBy: { createdAt: 'asc' },
      take: 50,
      include: { reporter: { select: { displayName: true, phone: true } } },
    }),
    classifierDecisions(ctx, user, from, to),
  ]);
  const day = dayFormatter(ctx.city.timeZone);
  const perDay = new Map<string, number>();
  for (const t of times) perDay.set(day(t.createdAt), (perDay.get(day(t.createdAt)) ?? 0) + 1);
  return {
    from,
    to,
    overTime: [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count })),
    byStatus: counts(byStatus, 'status'),
    byAgency: counts(byAgency, 'assignedAgency'),
    byChannel: counts(byChannel, 'channel'),
    timeToVerifyHours: spread(
      times.flatMap((t) => {
        const decided = t.verifiedAt ?? t.forwardedAt;
        return decided ? [decided.getTime() - t.createdAt.getTime()] : [];
      }),
    ),
    timeToFollowUpHours: spread(
      times.flatMap((t) =>
        t.forwardedAt && t.followedUpAt ? [t.followedUpAt.getTime() - t.forwardedAt.getTime()] : [],
      ),
    ),
    atRisk: atRisk.map((c) => summary(c, user, now)),
    classifier: decisions,
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
