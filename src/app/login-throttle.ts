// Failed-login counters per account and per address, in the database so every instance shares them.
// The first FREE_FAILURES mistakes cost nothing; after that each failure doubles the wait, up to 15 minutes.
import type { Db } from '../db/client.js';

export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 15 * 60;

/** Seconds an account or address must wait after `failures` consecutive failures. */
export function delaySeconds(failures: number): number {
  return failures <= FREE_FAILURES ? 0 : Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

/** The throttle keys of one login attempt. */
export function throttleKeys(email: string, ip: string): string[] {
  return [`account:${email.trim().toLowerCase()}`, `ip:${ip}`];
}

/** Seconds until every key is free again (0 when none is blocked), and whether any key has failures at all. */
export async function throttleState(db: Db, keys: string[], now: Date) {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return {
    waitSeconds: until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0,
    clean: rows.every((r) => r.failures === 0),
  };
}

/** Counts a failure on every key and sets the next allowed time. */
export async function recordFailure(db: Db, keys: string[], now: Date): Promise<void> {
  for (const key of keys) {
    const row = await db.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1 },
      update: { failures: { increment: 1 } },
    });
    const delay = delaySeconds(row.failures);
    if (delay > 0) {
      await db.loginThrottle.update({
        where: { key },
        data: { blockedUntil: new Date(now.getTime() + delay * 1000) },
      });
    }
  }
}

/** A successful login clears the account's counter (not the address's: one valid account must not unlock it). */
export async function resetAccount(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `account:${email.trim().toLowerCase()}` } });
}

/** Drops counters untouched for a day whose block has expired (called by the purge job). */
export async function purgeThrottle(db: Db, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const { count } = await db.loginThrottle.deleteMany({
    where: { updatedAt: { lt: dayAgo }, OR: [{ blockedUntil: null }, { blockedUntil: { lt: now } }] },
  });
  return count;
}
