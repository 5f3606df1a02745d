// Sends stored webhook deliveries. Safe with several instances, like the outbox worker: due rows are claimed
// with one conditional UPDATE that sets a lease (lockedBy/lockedUntil), so one worker owns a row; a crashed
// worker's lease expires and another instance takes the row over (at-least-once: receivers deduplicate on the
// event id). Network errors, 5xx and 429 are retried with capped exponential backoff (429 waits at least its
// Retry-After); other answers fail at once; after maxAttempts the delivery is 'failed' until an admin retries.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type PostResult, postWebhook } from './post.js';
import { signWebhook } from './signature.js';

export interface WebhookWorkerOptions {
  db: Db;
  logger: Logger;
  maxAttempts: number;
  timeoutMs: number;
  allowPrivateTargets: boolean;
  leaseMs?: number;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => Date;
  workerId?: string;
}

export type WebhookDecision = { retry: true; delayMs: number } | { retry: false };

/** Retry or give up after a failed attempt (`attempt` counts from 1). Jitter keeps instances apart. */
export function decideWebhookRetry(
  result: Exclude<PostResult, { kind: 'ok' }>,
  attempt: number,
  o: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): WebhookDecision {
  const retryable = result.kind === 'network' || result.status === 429 || result.status >= 500;
  if (!retryable || attempt >= o.maxAttempts) return { retry: false };
  const exp = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(exp * (0.8 + 0.4 * random()));
  const asked = result.kind === 'http' ? (result.retryAfterMs ?? 0) : 0;
  return { retry: true, delayMs: Math.min(o.maxDelayMs, Math.max(jittered, asked)) };
}

const describe = (r: Exclude<PostResult, { kind: 'ok' }>) => (r.kind === 'network' ? r.error : `HTTP ${r.status}`);

/** Creates the worker; `drain()` sends every due delivery and returns counts. Never throws for a send. */
export function createWebhookWorker(opts: WebhookWorkerOptions) {
  const { db, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? randomUUID();
  const batchSize = opts.batchSize ?? 20;
  // The lease must outlast the slowest batch (every row of one subscriber timing out in turn), or another
  // instance would take rows still being sent and send them twice.
  const leaseMs = opts.leaseMs ?? opts.timeoutMs * (batchSize + 1) + 30_000;
  const backoff = {
    maxAttempts: opts.maxAttempts,
    baseDelayMs: opts.baseDelayMs ?? 10_000,
    maxDelayMs: opts.maxDelayMs ?? 3_600_000,
  };
  let claims = 0;
  let running: Promise<{ delivered: number; retried: number; failed: number }> | null = null;

  async function claim() {
    const t = now();
    const due = {
      OR: [
        { status: 'pending', nextAttemptAt: { lte: t } },
        { status: 'sending', lockedUntil: { lt: t } },
      ],
    };
    const candidates = await db.webhookDelivery.findMany({
      where: due,
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
      take: batchSize,
      select: { id: true },
    });
    if (candidates.length === 0) return { more: false, rows: [] };
    const token = `${workerId}:${++claims}`;
    await db.webhookDelivery.updateMany({
      where: { id: { in: candidates.map((c) => c.id) }, ...due },
      data: {
        status: 'sending',
        lockedBy: token,
        lockedUntil: new Date(t.getTime() + leaseMs),
        attempts: { increment: 1 },
      },
    });
    const rows = await db.webhookDelivery.findMany({
      where: { lockedBy: token, status: 'sending' },
      include: { subscriber: true },
      orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
    });
    return { more: candidates.length === batchSize, rows };
  }

  type Row = Awaited<ReturnType<typeof claim>>['rows'][number];

  async function sendOne(row: Row): Promise<'delivered' | 'retried' | 'failed'> {
    const token = row.lockedBy;
    if (!row.subscriber.active) {
      await finish(row, token, { status: 'failed', lastError: 'subscriber disabled' });
      return 'failed';
    }
    const timestamp = Math.floor(now().getTime() / 1000);
    const result = await postWebhook({
      url: row.subscriber.url,
      body: row.payload,
      timeoutMs: opts.timeoutMs,
      allowPrivate: opts.allowPrivateTargets,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'kanal-aduan-webhooks/1',
        'x-kanal-aduan-event': row.event,
        'x-kanal-aduan-event-id': row.eventId,
        'x-kanal-aduan-delivery': row.id,
        'x-kanal-aduan-timestamp': String(timestamp),
        'x-kanal-aduan-signature': signWebhook(row.subscriber.secret, timestamp, row.payload),
      },
    });
    if (result.kind === 'ok') {
      await finish(row, token, {
        status: 'delivered',
        deliveredAt: now(),
        lastStatusCode: result.status,
        lastError: null,
      });
      return 'delivered';
    }
    const decision = decideWebhookRetry(result, row.attempts, backoff);
    const lastStatusCode = result.kind === 'http' ? result.status : null;
    if (decision.retry) {
      const nextAttemptAt = new Date(now().getTime() + decision.delayMs);
      await finish(row, token, { status: 'pending', nextAttemptAt, lastStatusCode, lastError: describe(result) });
    } else {
      const lastError =
        row.attempts >= backoff.maxAttempts
          ? `gave up after ${row.attempts} attempts: ${describe(result)}`
          : describe(result);
      await finish(row, token, { status: 'failed', lastStatusCode, lastError });
    }
    logger.warn(
      { deliveryId: row.id, attempt: row.attempts, retry: decision.retry, error: describe(result) },
      'webhook failed',
    );
    return decision.retry ? 'retried' : 'failed';
  }

  /** Writes the outcome only while we still hold the lease (a worker that lost it must not overwrite). */
  async function finish(row: Row, token: string | null, data: Record<string, unknown>) {
    await db.webhookDelivery.updateMany({
      where: { id: row.id, lockedBy: token, status: 'sending' },
      data: { ...data, lockedUntil: null },
    });
  }

  async function drainOnce() {
    const result = { delivered: 0, retried: 0, failed: 0 };
    for (;;) {
      const { more, rows } = await claim();
      // Subscribers in parallel, each one's deliveries in order: a slow city system delays only itself.
      const bySubscriber = new Map<string, Row[]>();
      for (const r of rows) bySubscriber.set(r.subscriberId, [...(bySubscriber.get(r.subscriberId) ?? []), r]);
      await Promise.all(
        [...bySubscriber.values()].map(async (own) => {
          for (const row of own) result[await sendOne(row)]++;
        }),
      );
      if (!more) return result;
    }
  }

  let next: ReturnType<typeof drainOnce> | null = null;
  function drain(): ReturnType<typeof drainOnce> {
    if (!running) {
      running = drainOnce().finally(() => {
        running = null;
      });
      return running;
    }
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return drain();
      });
    return next;
  }

  return {
    workerId,
    /**
     * Sends everything due now. A call during a run waits for one more run after it: rows that became due while
     * the current run was already past its claim (an admin's retry, a new event) are sent too.
     */
    drain,
    /** Waits for a run in progress (shutdown). */
    async settle() {
      while (running || next) await (next ?? running)?.catch(() => undefined);
    },
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
