// Reporter ratings in figures: per agency (a merged duplicate's rating counts for its case's agency), for the
// supervisor's dashboard and, withheld below 5 ratings, for the public statistics.
import type { Db } from '../db/client.js';

export interface RatingScope {
  from: Date;
  to: Date;
  /** Officers: their agency only. */
  agency?: string;
}

export interface AgencyRatings {
  agency: string;
  count: number;
  average: number;
  /** Ratings of 1 or 2. */
  low: number;
  /** How many of each score, 1 to 5. */
  distribution: [number, number, number, number, number];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Ratings given within the period, per agency of the case, and overall. */
export async function ratingsPerAgency(db: Db, s: RatingScope) {
  const rated = await db.complaint.findMany({
    where: { rating: { not: null }, ratedAt: { gte: s.from, lt: s.to } },
    select: { rating: true, assignedAgency: true, mergedIntoId: true },
  });
  const caseIds = [...new Set(rated.map((r) => r.mergedIntoId).filter((id): id is string => id !== null))];
  const cases = caseIds.length
    ? await db.complaint.findMany({ where: { id: { in: caseIds } }, select: { id: true, assignedAgency: true } })
    : [];
  const caseAgency = new Map(cases.map((c) => [c.id, c.assignedAgency]));
  const per = new Map<string, AgencyRatings>();
  let sum = 0;
  let count = 0;
  for (const r of rated) {
    const agency = (r.mergedIntoId ? caseAgency.get(r.mergedIntoId) : r.assignedAgency) ?? null;
    const score = r.rating ?? 0;
    if (!agency || score < 1 || score > 5 || (s.agency !== undefined && agency !== s.agency)) continue;
    const row = per.get(agency) ?? { agency, count: 0, average: 0, low: 0, distribution: [0, 0, 0, 0, 0] };
    row.count++;
    row.average += score;
    if (score <= 2) row.low++;
    row.distribution[score - 1] = (row.distribution[score - 1] ?? 0) + 1;
    per.set(agency, row);
    sum += score;
    count++;
  }
  const perAgency = [...per.values()]
    .map((r) => ({ ...r, average: round1(r.average / r.count) }))
    .sort((a, b) => b.count - a.count || a.agency.localeCompare(b.agency));
  return { count, average: count ? round1(sum / count) : null, perAgency };
}

/** Complaints a reporter's answer flagged for the admins (low rating, "not fixed"), newest first. */
export async function flaggedComplaints(db: Db, s: { agency?: string }, take = 50) {
  const rows = await db.complaint.findMany({
    where: { flaggedAt: { not: null }, mergedIntoId: null, ...(s.agency ? { assignedAgency: s.agency } : {}) },
    orderBy: { flaggedAt: 'desc' },
    take,
    select: { trackingId: true, status: true, assignedAgency: true, flaggedAt: true, flagReason: true },
  });
  return rows;
}

/** The dashboard's satisfaction block: ratings per agency and the flagged complaints. */
export async function satisfactionDashboard(db: Db, s: RatingScope) {
  const [ratings, flagged] = await Promise.all([ratingsPerAgency(db, s), flaggedComplaints(db, s)]);
  return { ...ratings, flagged };
}
