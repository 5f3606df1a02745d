// Loads the non-working dates used by the SLA clocks (data/holidays.json or HOLIDAYS_FILE).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config.js';

const schema = z.object({ holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')) });

/** The holiday dates in a file; a missing or malformed file stops the start with a clear message. */
export function loadHolidays(path: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`HOLIDAYS_FILE ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`HOLIDAYS_FILE ${path}: ${parsed.error.issues[0]?.message}`);
  return new Set(parsed.data.holidays);
}
