// The webhook worker's work on the table (./worker.ts): claiming due deliveries under a lease, posting one
// signed delivery, and writing its outcome while the lease is still ours.
import { type Db, sqlOf } from '../db/client.js';
import type { Logger } from '../logger.js';
import { DUE } from '../outbox/outbox-sql.js';
import { type PostResult, postWebhook } from './post.js';
import { signWebhook } from './signature.js';

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

/** What claiming and sending need from the worker; `claims` numbers this worker's claim tokens. */
export interface DeliveryContext {
  db: Db;
  logger: Logger;
  now: () => Date;
  workerId: string;
  batchSize: number;
  leaseMs: number;
  backoff: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
  allowPrivateTargets: boolean;
  claims: number;
}

// Deliveries are leased job rows like the outbox's: the same due condition.
const DUE_IDS = `SELECT "id" FROM "WebhookDelivery" WHERE ${DUE} ORDER BY "nextAttemptAt" ASC, "createdAt" ASC LIMIT ?`;

const dueWhere = (t: Date) => ({
  OR: [
    { status: 'pending', nextAttemptAt: { lte: t } },
    { status: 'sending', lockedUntil: { lt: t } },
  ],
});

/**
 * The ids of due deliveries. Every outbox write nudges this worker, and nearly always nothing is due: that look
 * is plain SQL (about a twentieth of a Prisma query's CPU), Prisma only for a client opened without it.
 */
async function dueIds(c: DeliveryContext, t: Date): Promise<{ id: string }[]> {
  const sql = sqlOf(c.db);
  if (sql) return sql.transaction((tx) => tx.all<{ id: string }>(DUE_IDS, [t, t, c.batchSize]));
  return c.db.webhookDelivery.findMany({
    where: dueWhere(t),
    orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
    take: c.batchSize,
    select: { id: true },
  });
}

export async function claim(c: DeliveryContext) {
  const t = c.now();
  const due = dueWhere(t);
  const candidates = await dueIds(c, t);
  if (candidates.length === 0) return { more: false, rows: [] };
  const token = `${c.workerId}:${++c.claims}`;
  await c.db.webhookDelivery.updateMany({
    where: { id: { in: candidates.map((x) => x.id) }, ...due },
    data: {
      status: 'sending',
      lockedBy: token,
      lockedUntil: new Date(t.getTime() + c.leaseMs),
      attempts: { increment: 1 },
    },
  });
  const rows = await c.db.webhookDelivery.findMany({
    where: { lockedBy: token, status: 'sending' },
    include: { subscriber: true },
    orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
  });
  return { more: candidates.length === c.batchSize, rows };
}

export type DeliveryRow = Awaited<ReturnType<typeof claim>>['rows'][number];

/** POSTs the delivery to its subscriber, signed over the timestamp it carries. */
function post(c: DeliveryContext, row: DeliveryRow): Promise<PostResult> {
  const timestamp = Math.floor(c.now().getTime() / 1000);
  return postWebhook({
    url: row.subscriber.url,
    body: row.payload,
    timeoutMs: c.timeoutMs,
    allowPrivate: c.allowPrivateTargets,
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
}

export async function sendOne(c: DeliveryContext, row: DeliveryRow): Promise<'delivered' | 'retried' | 'failed'> {
  const token = row.lockedBy;
  if (!row.subscriber.active) {
    await finish(c, row, token, { status: 'failed', lastError: 'subscriber disabled' });
    return 'failed';
  }
  const result = await post(c, row);
  if (result.kind === 'ok') {
    await finish(c, row, token, {
      status: 'delivered',
      deliveredAt: c.now(),
      lastStatusCode: result.status,
      lastError: null,
    });
    return 'delivered';
  }
  const decision = decideWebhookRetry(result, row.attempts, c.backoff);
  const lastStatusCode = result.kind === 'http' ? result.status : null;
  if (decision.retry) {
    const nextAttemptAt = new Date(c.now().getTime() + decision.delayMs);
    await finish(c, row, token, { status: 'pending', nextAttemptAt, lastStatusCode, lastError: describe(result) });
  } else {
    const lastError =
      row.attempts >= c.backoff.maxAttempts
        ? `gave up after ${row.attempts} attempts: ${describe(result)}`
        : describe(result);
    await finish(c, row, token, { status: 'failed', lastStatusCode, lastError });
  }
  c.logger.warn(
    { deliveryId: row.id, attempt: row.attempts, retry: decision.retry, error: describe(result) },
    'webhook failed',
  );
  return decision.retry ? 'retried' : 'failed';
}

/** Writes the outcome only while we still hold the lease (a worker that lost it must not overwrite). */
async function finish(c: DeliveryContext, row: DeliveryRow, token: string | null, data: Record<string, unknown>) {
  await c.db.webhookDelivery.updateMany({
    where: { id: row.id, lockedBy: token, status: 'sending' },
    data: { ...data, lockedUntil: null },
  });
}
