// Sends due outbox rows on their channel. Safe with several instances: a row is claimed with a
// compare-and-set update (status + lease), so exactly one worker owns it; a crashed worker's lease expires
// and another instance picks the row up. Delivery is therefore at-least-once across a crash mid-send.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { ChannelSendError } from '../channels/contract.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { decideRetry, type RetryPolicy } from './retry-policy.js';

export interface OutboxWorkerOptions {
  db: Db;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  policy: RetryPolicy;
  batchSize: number;
  leaseMs: number;
  logger: Logger;
  now?: () => Date;
  workerId?: string;
}

type ClaimedRow = {
  id: string;
  address: string;
  channel: string;
  text: string;
  kind: string;
  complaintId: string | null;
  attempts: number;
};

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Creates a worker; `drain()` sends everything due now and returns counts. Never throws for a send error. */
export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const { db, adapters, policy, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? randomUUID();
  let running: Promise<DrainResult> | null = null;
  let again = false;
  let claims = 0;

  /**
   * Claims up to batchSize due rows (pending ones, and "sending" ones whose lease has expired) in one
   * conditional UPDATE: the database re-checks the condition on each row as it locks it, so when workers
   * race for a row exactly one UPDATE matches it. The claim token then tells which rows are ours.
   */
  async function claim(): Promise<{
    more: boolean;
    rows: ClaimedRow[];
  }> {
    const t = now();
    const due = {
      OR: [
        { status: 'pending', nextAttemptAt: { lte: t } },
        { status: 'sending', lockedUntil: { lt: t } },
      ],
    };
    const candidates = await db.outbox.findMany({
      where: due,
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
      take: opts.batchSize,
      select: { id: true },
    });
    if (candidates.length === 0) return { more: false, rows: [] };
    const token = `${workerId}:${++claims}`;
    await db.outbox.updateMany({
      where: { id: { in: candidates.map((c) => c.id) }, ...due },
      data: {
        status: 'sending',
        lockedBy: token,
        lockedUntil: new Date(t.getTime() + opts.leaseMs),
        attempts: { increment: 1 },
      },
    });
    const rows = await db.outbox.findMany({
      where: { lockedBy: token, status: 'sending' },
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
    });
    // Other workers may have won some of these rows; there may still be more due than one batch.
    return { more: candidates.length === opts.batchSize, rows };
  }

  async function sendOne(row: ClaimedRow) {
    const adapter = adapters.get(row.channel as ChannelName);
    try {
      if (!adapter) throw new ChannelSendError(`channel ${row.channel} is not enabled`, 'transient');
      const receipt = await adapter.send(row.address, row.text);
      const sentAt = now();
      await db.$transaction([
        db.outbox.update({
          where: { id: row.id },
          data: {
            status: 'sent',
            sentAt,
            platformMessageId: receipt.platformMessageId,
            lockedUntil: null,
            lastError: null,
          },
        }),
        db.deliveryAttempt.create({ data: { outboxId: row.id, attempt: row.attempts, outcome: 'sent' } }),
        // The conversation as the reporter saw it: outbound messages sit beside inbound ones. An upsert, so a
        // platform id seen twice can never fail this transaction and leave a sent row to be sent again.
        db.message.upsert({
          where: { channel_externalId: { channel: row.channel, externalId: `out:${receipt.platformMessageId}` } },
          create: {
            channel: row.channel,
            externalId: `out:${receipt.platformMessageId}`,
            direction: 'outbound',
            complaintId: row.complaintId,
            kind: row.kind,
            text: row.text,
            payload: JSON.stringify({ outboxId: row.id, address: row.address, receipt }),
            state: 'sent',
            createdAt: sentAt,
          },
          update: {},
        }),
      ]);
      return 'sent' as const;
    } catch (err) {
      const decision = decideRetry(err, row.attempts, policy);
      const retryAfterMs = err instanceof ChannelSendError ? (err.retryAfterMs ?? null) : null;
      await db.$transaction([
        db.outbox.update({
          where: { id: row.id },
          data: decision.retry
            ? {
                status: 'pending',
                nextAttemptAt: new Date(now().getTime() + decision.delayMs),
                lockedUntil: null,
                lastError: decision.reason,
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
      logger.warn(
        { outboxId: row.id, attempt: row.attempts, retry: decision.retry, reason: decision.reason },
        'send failed',
      );
      return decision.retry ? ('retried' as const) : ('failed' as const);
    }
  }

  async function drainOnce(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const { more, rows } = await claim();
      // Rows of one address go in order; different addresses could go in parallel, but platforms' per-chat
      // rate limits make sequential sending the polite default.
      for (const row of rows) result[await sendOne(row)]++;
      if (!more) return result;
    }
  }

  return {
    workerId,
    /** Resolves when the current run (if any) has finished; used at shutdown. */
    async settle(): Promise<void> {
      await running?.catch(() => undefined);
    },
    /**
     * Sends everything due. Concurrent calls within one process share one run; a call that arrives while a
     * run is under way makes it go round once more, so rows written meanwhile are not left for the next tick.
     */
    drain(): Promise<DrainResult> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        const total: DrainResult = { sent: 0, retried: 0, failed: 0 };
        do {
          again = false;
          const r = await drainOnce();
          total.sent += r.sent;
          total.retried += r.retried;
          total.failed += r.failed;
        } while (again);
        return total;
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
