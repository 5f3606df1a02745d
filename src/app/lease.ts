// A lease in the database: among several instances, at most one holds a named lease at a time (e.g. the
// right to long-poll Telegram, which allows one getUpdates consumer, or to poll X with its rotating tokens).
// Compare-and-set on the KeyValue row; a holder that stops renewing loses the lease after `ttlMs`.
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/client.js';

export interface Lease {
  /** Acquires the lease or renews it; true while this owner holds it. */
  tryAcquire(): Promise<boolean>;
  /** Gives the lease up at once (on shutdown), so another instance need not wait for it to expire. */
  release(): Promise<void>;
}

/** Creates a lease handle for `owner` (one per instance). */
export function createLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now: () => Date = () => new Date(),
): Lease {
  const key = `lease:${name}`;
  const value = () => JSON.stringify({ owner, until: now().getTime() + ttlMs });
  return {
    async tryAcquire() {
      const row = await db.keyValue.findUnique({ where: { key } });
      if (!row) {
        try {
          await db.keyValue.create({ data: { key, value: value() } });
          return true;
        } catch (err) {
          if (isUniqueViolation(err)) return false;
          throw err;
        }
      }
      const held = JSON.parse(row.value) as { owner: string; until: number };
      if (held.owner !== owner && held.until > now().getTime()) return false;
      // Only if nobody changed the row since we read it: two instances racing for an expired lease, one wins.
      const { count } = await db.keyValue.updateMany({ where: { key, value: row.value }, data: { value: value() } });
      return count === 1;
    },
    async release() {
      const row = await db.keyValue.findUnique({ where: { key } });
      if (row && (JSON.parse(row.value) as { owner: string }).owner === owner) {
        await db.keyValue.deleteMany({ where: { key, value: row.value } });
      }
    },
  };
}
