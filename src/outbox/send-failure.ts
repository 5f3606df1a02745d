// What a failed send leaves behind: the retry policy's decision on the row, the attempt, and (for a blocked
// bot) the address marked unreachable. Failures are rare, so this stays in Prisma.
import { ChannelSendError, RecipientUnreachableError } from '../channels/contract.js';
import type { Db } from '../db/client.js';
import type { ClaimedRow } from './outbox-sql.js';
import { markUnreachable } from './reachability.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';

/** The platform asked us to slow down: hold the channel for `retryAfterMs` (null: not said). */
export function rateLimitOf(err: unknown): { retryAfterMs: number | null } | null {
  if (!(err instanceof ChannelSendError) || err.kind !== 'rate_limited') return null;
  return { retryAfterMs: err.retryAfterMs ?? null };
}

/** Records a failed send as the retry policy decides; returns whether the row will be tried again. */
export async function recordFailure(
  db: Db,
  row: ClaimedRow,
  err: unknown,
  policy: RetryPolicy,
  now: Date,
): Promise<{ retry: boolean; reason: string }> {
  // The user blocked the bot: stop every later send to this address and let admins see why.
  if (err instanceof RecipientUnreachableError) await markUnreachable(db, row.address, err.message, now);
  const decision = decideRetry(err, row.attempts, policy);
  const retryAfterMs = err instanceof ChannelSendError ? (err.retryAfterMs ?? null) : null;
  // "Slow down" is not a failed attempt: it never brings a reply closer to being given up.
  const rateLimited = rateLimitOf(err) !== null;
  await db.$transaction([
    db.outbox.update({
      where: { id: row.id },
      data: decision.retry
        ? {
            status: 'pending',
            nextAttemptAt: new Date(now.getTime() + decision.delayMs),
            lockedUntil: null,
            lastError: decision.reason,
            ...(rateLimited ? { attempts: { decrement: 1 } } : {}),
          }
        : { status: 'failed', lockedUntil: null, lastError: decision.reason },
    }),
    db.deliveryAttempt.create({
      data: {
        outboxId: row.id,
        attempt: row.attempts,
        outcome: decision.retry ? 'retry' : 'failed',
        error: decision.reason,
        retryAfterMs,
      },
    }),
  ]);
  return { retry: decision.retry, reason: decision.reason };
}
