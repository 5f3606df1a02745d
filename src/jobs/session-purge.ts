// Hourly clean-up of what logins leave behind: expired sessions and stale failed-login counters.
import { purgeExpiredSessions } from '../app/auth.js';
import { purgeThrottle } from '../app/login-throttle.js';
import type { Db } from '../db/client.js';
import type { Job } from './scheduler.js';

/** Deletes expired sessions and old throttle rows; returns how many of each. */
export async function purgeLogins(db: Db, now: Date) {
  return { sessions: await purgeExpiredSessions(db, now), throttles: await purgeThrottle(db, now) };
}

/** The scheduled job (minute 7 of every hour: away from the top of the hour other jobs favour). */
export function sessionPurgeJob(db: Db, now: () => Date): Job {
  return { name: 'purge-sessions', schedule: '7 * * * *', run: () => purgeLogins(db, now()) };
}
