// Statistics that cannot single anyone out: a count of 1-4 is withheld (null), and the period is widened to
// whole days in the city's time zone, so two requests a millisecond apart cannot isolate one complaint.

import { zonedDay } from '../../domain/date-format.js';

/** Smallest count a public statistic shows; smaller non-zero counts are withheld. */
export const MIN_CELL = 5;

/** A count as published: 0 or at least MIN_CELL, otherwise null ("1 to 4, withheld"). */
export function cell(n: number): number | null {
  return n === 0 || n >= MIN_CELL ? n : null;
}

/** Midnight (city time) at the start of the day that contains `t`. */
export function startOfDay(t: Date, timeZone: string): Date {
  return zonedDay(t, timeZone).start;
}

/** The requested period widened to whole city days: `from` down to midnight, `to` up to the next midnight. */
export function wholeDays(from: Date | undefined, to: Date | undefined, timeZone: string) {
  const start = from ? startOfDay(from, timeZone) : undefined;
  let end = to ? startOfDay(to, timeZone) : undefined;
  if (to && end && end.getTime() < to.getTime()) end = startOfDay(new Date(end.getTime() + 36 * 3_600_000), timeZone);
  return { from: start, to: end };
}
