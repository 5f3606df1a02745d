// One claimed row's send for the outbox worker (./worker.ts): calls the platform when its lane starts it and
// records the outcome (sent, or a failure to retry or give up on) once the platform answered.
import type { ChannelAdapter, ChannelName, SendReceipt } from '../channels/contract.js';
import { ChannelSendError, RecipientUnreachableError } from '../channels/contract.js';
import type { Db } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import type { Logger } from '../logger.js';
import { type ClaimedRow, recordSent } from './outbox-sql.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import { rateLimitOf, recordFailure } from './send-failure.js';
import type { StartedSend } from './send-lanes.js';

/** What sending a row needs from the worker. */
export interface SendContext {
  db: Db;
  sql: Sql;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  policy: RetryPolicy;
  logger: Logger;
  limiter: RateLimiter;
  pacing: { nowMs(): number };
  now: () => Date;
}

/** The outcomes a drain counts per send. */
export interface SendCounts {
  sent: number;
  retried: number;
  failed: number;
}

/** Calls the platform now (the slot is now) and records the outcome when it answers. */
export function startSend(
  c: SendContext,
  row: ClaimedRow,
  blocked: Map<string, string>,
  result: SendCounts,
): StartedSend {
  const adapter = c.adapters.get(row.channel as ChannelName);
  const reason = blocked.get(row.address);
  let answer: Promise<SendReceipt>;
  try {
    if (!adapter) throw new ChannelSendError(`channel ${row.channel} is not enabled`, 'transient');
    if (reason !== undefined) throw new ChannelSendError(`recipient unreachable: ${reason}`, 'permanent');
    answer = adapter.send(row.address, row.text);
  } catch (err) {
    answer = Promise.reject(err);
  }
  const outcome = answer.then(
    (receipt) => ({ receipt, err: undefined }),
    (err: unknown) => {
      // The platform's own signal beats our estimate: hold the whole channel for as long as it asked.
      const limited = rateLimitOf(err);
      if (limited) c.limiter.pause(row.channel, c.pacing.nowMs() + (limited.retryAfterMs ?? 1_000));
      if (err instanceof RecipientUnreachableError) blocked.set(row.address, err.message);
      return { receipt: undefined, err };
    },
  );
  const done = outcome
    .then(({ receipt, err }) => (receipt ? sent(c, row, receipt) : failed(c, row, err)))
    .then((k) => {
      result[k]++;
    })
    // A send recorded nowhere stays 'sending' until its lease ends, then it is sent again (at-least-once).
    .catch((err: unknown) => c.logger.error({ err, outboxId: row.id }, 'outbox: recording a send failed'));
  return { answered: outcome.then(() => undefined), done };
}

async function sent(c: SendContext, row: ClaimedRow, receipt: SendReceipt) {
  await recordSent(c.sql, row, receipt.platformMessageId, receipt, c.now());
  return 'sent' as const;
}

async function failed(c: SendContext, row: ClaimedRow, err: unknown) {
  const decision = await recordFailure(c.db, row, err, c.policy, c.now());
  c.logger.warn(
    { outboxId: row.id, attempt: row.attempts, retry: decision.retry, reason: decision.reason },
    'send failed',
  );
  return decision.retry ? ('retried' as const) : ('failed' as const);
}
