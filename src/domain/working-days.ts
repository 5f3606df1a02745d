// Working days as Indonesian regulation counts them (Permenpan-RB 62/2018): Monday to Friday, minus national
// holidays and cuti bersama. Days are counted in the city's time zone, not UTC.

import { zonedDay } from './date-format.js';

/** A calendar: the city's time zone and its non-working dates (YYYY-MM-DD, local). */
export interface WorkingCalendar {
  timeZone: string;
  holidays: ReadonlySet<string>;
}

/** The local date (YYYY-MM-DD) and weekday (0 = Sunday) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): { date: string; weekday: number } {
  const { date, weekday } = zonedDay(at, timeZone);
  return { date, weekday };
}

/** Whether a local date is a working day. */
export function isWorkingDay(at: Date, cal: WorkingCalendar): boolean {
  const { date, weekday } = localDay(at, cal.timeZone);
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(date);
}

/**
 * The deadline `days` working days after `start`: the same time of day on the Nth following working day
 * (a report received on Friday 16:00 with a 3-working-day clock is due Wednesday 16:00).
 */
export function addWorkingDays(start: Date, days: number, cal: WorkingCalendar): Date {
  let at = new Date(start);
  let left = days;
  while (left > 0) {
    at = new Date(at.getTime() + 86_400_000);
    if (isWorkingDay(at, cal)) left--;
  }
  return at;
}
