// The dashboard's heavy parts computed in the database: complaints per local day and the durations to verify
// and to first follow-up, as plain numbers (fetching thousands of rows of dates through the client engine was
// the slowest part of the dashboard at 100,000 complaints). One SQL text per provider.
import type { Db } from '../db/client.js';
import { providerOf } from './search.js';

/** Minutes the city's time zone is ahead of UTC at `at` (Asia/Jakarta: 420). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export interface DashboardScope {
  from: Date;
  to: Date;
  /** Officers: their agency only. */
  agency?: string;
}

/** Complaints per local day, oldest first. */
export async function complaintsPerDay(db: Db, s: DashboardScope, offsetMinutes: number) {
  const pgSql = providerOf(db) === 'postgresql';
  const agency = s.agency === undefined ? '' : pgSql ? ' AND "assignedAgency" = $4' : ' AND "assignedAgency" = ?';
  const day = pgSql
    ? `to_char("createdAt" + make_interval(mins => $3::int), 'YYYY-MM-DD')`
    : `strftime('%Y-%m-%d', "createdAt", ? || ' minutes')`;
  const where = pgSql ? '"createdAt" >= $1 AND "createdAt" < $2' : '"createdAt" >= ? AND "createdAt" < ?';
  const sql = pgSql
    ? `SELECT ${day} AS date, count(*) AS n FROM "Complaint" WHERE ${where}${agency} GROUP BY 1 ORDER BY 1`
    : `SELECT ${day} AS date, count(*) AS n FROM "Complaint" WHERE ${where}${agency} GROUP BY 1 ORDER BY 1`;
  const params = pgSql
    ? [s.from, s.to, offsetMinutes, ...(s.agency ? [s.agency] : [])]
    : [`${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes}`, s.from, s.to, ...(s.agency ? [s.agency] : [])];
  const rows = await db.$queryRawUnsafe<{ date: string; n: bigint | number }[]>(sql, ...params);
  return rows.map((r) => ({ date: r.date, count: Number(r.n) }));
}

/** Hours from `start` to `end` of every complaint in scope where both are set, sorted ascending. */
export async function durationsHours(
  db: Db,
  s: DashboardScope,
  start: '"createdAt"' | '"forwardedAt"',
  end: 'COALESCE("verifiedAt", "forwardedAt")' | '"followedUpAt"',
): Promise<number[]> {
  const pgSql = providerOf(db) === 'postgresql';
  const hours = pgSql
    ? `EXTRACT(EPOCH FROM (${end} - ${start})) / 3600.0`
    : `(julianday(${end}) - julianday(${start})) * 24.0`;
  const p = (i: number) => (pgSql ? `$${i}` : '?');
  const agency = s.agency === undefined ? '' : ` AND "assignedAgency" = ${p(3)}`;
  const rows = await db.$queryRawUnsafe<{ h: number | string }[]>(
    `SELECT ${hours} AS h FROM "Complaint" WHERE "createdAt" >= ${p(1)} AND "createdAt" < ${p(2)}${agency} AND ${start} IS NOT NULL AND ${end} IS NOT NULL ORDER BY 1`,
    s.from,
    s.to,
    ...(s.agency ? [s.agency] : []),
  );
  return rows.map((r) => Number(r.h));
}
