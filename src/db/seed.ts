// Seeds the city agencies of the domain catalogue. Existing rows are left alone: admins' edits survive restarts.
import { CITY_AGENCIES } from '../domain/catalogue.js';
import { type Db, isUniqueViolation } from './client.js';

/** Inserts missing default agencies; returns how many were added. */
export async function seedAgencies(db: Db): Promise<number> {
  const existing = new Set((await db.agency.findMany({ select: { code: true } })).map((a) => a.code));
  const missing = CITY_AGENCIES.filter((a) => !existing.has(a.code));
  for (const a of missing) {
    // Another instance starting at the same moment may insert it first; that is fine.
    await db.agency.create({ data: a }).catch((err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
    });
  }
  return missing.length;
}
