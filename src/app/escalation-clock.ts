// How far a clock has run, as a fraction of its length. The verification clock counts working time, the
// same way src/domain/working-days.ts counts its deadline: the whole local day of a working day counts (24 h),
// weekends, national holidays and cuti bersama count nothing. A report received on Friday 16:00 with a 3-day
// clock is due Wednesday 16:00 (Friday 8 h + Monday + Tuesday + Wednesday 16 h = 72 working hours), so half
// of it (36 h) is reached on Tuesday 04:00, not on Monday 04:00 as calendar time would say. The follow-up
// clock counts calendar days, as it is set.
import { zonedDay } from '../domain/date-format.js';
import type { WorkingCalendar } from '../domain/working-days.js';

/** Milliseconds of working time between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(from: Date, to: Date, cal: WorkingCalendar): number {
  let total = 0;
  let at = from;
  while (at < to) {
    const day = zonedDay(at, cal.timeZone);
    const end = day.nextMidnight < to ? day.nextMidnight : to;
    const working = day.weekday !== 0 && day.weekday !== 6 && !cal.holidays.has(day.date);
    if (working) total += end.getTime() - at.getTime();
    at = end;
  }
  return total;
}

/** The share of a clock run at `now` (0 to 1 and beyond when overdue); working time when a calendar is given. */
export function clockFraction(start: Date, dueAt: Date, now: Date, cal: WorkingCalendar | null): number {
  if (now >= dueAt) return Math.max(1, fractionOf(start, dueAt, now, cal));
  return fractionOf(start, dueAt, now, cal);
}

function fractionOf(start: Date, dueAt: Date, now: Date, cal: WorkingCalendar | null): number {
  const span = cal ? workingMsBetween(start, dueAt, cal) : dueAt.getTime() - start.getTime();
  if (span <= 0) return now >= dueAt ? 1 : 0;
  const run = cal ? workingMsBetween(start, now, cal) : now.getTime() - start.getTime();
  return run / span;
}

/** Thresholds (percent) a reminder is sent at. */
export const THRESHOLDS = [50, 80, 100] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** The thresholds a clock has crossed at this fraction. */
export function crossedThresholds(fraction: number): Threshold[] {
  // A tiny tolerance: 0.8 of a span computed in milliseconds may land at 0.79999999.
  return THRESHOLDS.filter((t) => fraction + 1e-9 >= t / 100);
}
