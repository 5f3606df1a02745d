// Retrying inbound messages whose processing failed, like the outbox retries sends: attempts, a next-attempt
// time with capped exponential backoff, and a final 'dead' state that keeps the message for an admin to retry
// (the admin action sets state 'failed', attempts 0, nextAttemptAt now).
import type { Db } from '../db/client.js';
import { truncateText } from '../domain/text-hygiene.js';

/** How inbound retries behave; `maxAttempts` comes from INBOUND_MAX_ATTEMPTS. */
export interface InboundRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A message still 'received' after this long was interrupted (a crash) and is picked up by recovery. */
  graceMs: number;
}

/** Defaults: 30 s, 1 min, 2 min ... capped at 1 h; 8 attempts span about 1 h 4 min before a message is dead. */
export const DEFAULT_INBOUND_RETRY: InboundRetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  graceMs: 30_000,
};

/** Delay before attempt `attempts + 1`, after `attempts` failures (>= 1). */
export function inboundBackoffMs(policy: InboundRetryPolicy, attempts: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** Records a failed processing attempt: next try later, or 'dead' after the last one. */
export async function recordInboundFailure(
  db: Db,
  policy: InboundRetryPolicy,
  messageId: string,
  err: unknown,
  now: Date,
): Promise<void> {
  const row = await db.message.findUnique({ where: { id: messageId }, select: { attempts: true } });
  const attempts = (row?.attempts ?? 0) + 1;
  const dead = attempts >= policy.maxAttempts;
  const error = truncateText(err instanceof Error ? err.message : String(err), 1000);
  await db.message.update({
    where: { id: messageId },
    data: {
      state: dead ? 'dead' : 'failed',
      attempts,
      error,
      nextAttemptAt: dead ? null : new Date(now.getTime() + inboundBackoffMs(policy, attempts)),
    },
  });
}

/**
 * Inbound messages due for another try: failed ones whose next attempt is due, and received ones older than
 * the grace period. Fewest attempts first, so messages that keep failing never queue ahead of a fresh one.
 */
export async function dueInboundMessages(db: Db, now: Date, graceMs: number, take = 100): Promise<string[]> {
  const rows = await db.message.findMany({
    where: {
      direction: 'inbound',
      OR: [
        { state: 'failed', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        { state: 'received', createdAt: { lt: new Date(now.getTime() - graceMs) } },
      ],
    },
    orderBy: [{ attempts: 'asc' }, { createdAt: 'asc' }],
    take,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
