// Loads the non-working dates used by the SLA clocks: a folder of year files (data/holidays/<year>.json, see
// src/domain/holiday-calendar.ts), or one legacy file {"holidays": ["YYYY-MM-DD", ...]}. HOLIDAYS_FILE names
// either. A missing or malformed file stops the start with a message naming the setting and the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type HolidayYear, holidayYearSchema } from '../domain/holiday-calendar.js';
import { ConfigError } from './config.js';

const legacySchema = z.object({ holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')) });

/** The calendar: every non-working date, and which years are only estimated (waiting for the decree). */
export interface HolidayCalendar {
  dates: Set<string>;
  years: { year: number; status: HolidayYear['status'] }[];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`HOLIDAYS_FILE ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Reads every <year>.json in a folder. */
export function readHolidayYears(dir: string): HolidayYear[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => {
      const parsed = holidayYearSchema.safeParse(readJson(path.join(dir, f)));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ConfigError(`HOLIDAYS_FILE ${path.join(dir, f)}: ${issue?.path.join('.')} ${issue?.message}`);
      }
      return parsed.data;
    });
}

/** Loads the calendar from a folder of year files or from one legacy file. */
export function loadHolidayCalendar(location: string): HolidayCalendar {
  let isDir: boolean;
  try {
    isDir = statSync(location).isDirectory();
  } catch (err) {
    throw new ConfigError(`HOLIDAYS_FILE ${location}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (isDir) {
    const years = readHolidayYears(location);
    return {
      dates: new Set(years.flatMap((y) => y.days.map((d) => d.date))),
      years: years.map((y) => ({ year: y.year, status: y.status })),
    };
  }
  const parsed = legacySchema.safeParse(readJson(location));
  if (!parsed.success) throw new ConfigError(`HOLIDAYS_FILE ${location}: ${parsed.error.issues[0]?.message}`);
  return { dates: new Set(parsed.data.holidays), years: [] };
}

/** The holiday dates only (what the working-day clock needs). */
export function loadHolidays(location: string): Set<string> {
  return loadHolidayCalendar(location).dates;
}
