// Loads the non-working dates used by the SLA clocks: a folder of year files (data/holidays/<year>.json, see
// src/domain/holiday-calendar.ts), or one legacy file {"holidays": ["YYYY-MM-DD", ...]}. HOLIDAYS_FILE names
// either. A missing or malformed file stops the start with a message naming the setting and the file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type HolidayYear, holidayYearSchema } from '../domain/holiday-calendar.js';
import { ConfigError } from './config.js';

const legacySchema = z.object({ holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')) });

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

/** Every non-working date, from a folder of year files or from one legacy file. */
export function loadHolidays(location: string): Set<string> {
  let isDir: boolean;
  try {
    isDir = statSync(location).isDirectory();
  } catch (err) {
    throw new ConfigError(`HOLIDAYS_FILE ${location}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (isDir) return new Set(readHolidayYears(location).flatMap((y) => y.days.map((d) => d.date)));
  const parsed = legacySchema.safeParse(readJson(location));
  if (!parsed.success) throw new ConfigError(`HOLIDAYS_FILE ${location}: ${parsed.error.issues[0]?.message}`);
  return new Set(parsed.data.holidays);
}
