// Statistics that cannot single anyone out: a count of 1-4 is withheld (null), and the period is widened to
// whole days in the city's time zone, so two requests a millisecond apart cannot isolate one complaint.

import { dateFormat } from '../../domain/date-format.js';

/** Smallest count a public statistic shows; smaller non-zero counts are withheld. */
export const MIN_CELL = 5;

/** A count as published: 0 or at least MIN_CELL, otherwise null ("1 to 4, withheld"). */
export function cell(n: number): number | null {
  return n === 0 || n >= MIN_CELL ? n : null;
}

/** Midnight (city time) at the start of the day that contains `t`. */
export function startOfDay(t: Date, timeZone: string): Date {
  const parts: Record<string, number> = {};
  const fmt = dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of fmt.formatToParts(t)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const y = parts.year ?? 1970;
  const m = (parts.month ?? 1) - 1;
  const d = parts.day ?? 1;
  const localAsUtc = Date.UTC(y, m, d, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  const offset = localAsUtc - Math.floor(t.getTime() / 1000) * 1000;
  return new Date(Date.UTC(y, m, d) - offset);
}

/** The requested period widened to whole city days: `from` down to midnight, `to` up to the next midnight. */
export function wholeDays(from: Date | undefined, to: Date | undefined, timeZone: string) {
  const start = from ? startOfDay(from, timeZone) : undefined;
  let end = to ? startOfDay(to, timeZone) : undefined;
  if (to && end && end.getTime() < to.getTime()) end = startOfDay(new Date(end.getTime() + 36 * 3_600_000), timeZone);
  return { from: start, to: end };
}
