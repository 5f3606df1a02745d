// Sends stored webhook deliveries. Safe with several instances, like the outbox worker: due rows are claimed
// with one conditional UPDATE that sets a lease (lockedBy/lockedUntil), so one worker owns a row; a crashed
// worker's lease expires and another instance takes the row over (at-least-once: receivers deduplicate on the
// event id). Network errors, 5xx and 429 are retried with capped exponential backoff (429 waits at least its
// Retry-After); other answers fail at once; after maxAttempts the delivery is 'failed' until an admin retries.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { claim, type DeliveryContext, type DeliveryRow, sendOne } from './deliveries.js';

export { decideWebhookRetry, type WebhookDecision } from './deliveries.js';

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

type Counts = { delivered: number; retried: number; failed: number };

/** The worker's state, shared by the functions below (createWebhookWorker builds it). */
interface WorkerState extends DeliveryContext {
  running: Promise<Counts> | null;
  /** The run queued behind the current one by a drain() that arrived during it. */
  next: Promise<Counts> | null;
}

function createState(opts: WebhookWorkerOptions): WorkerState {
  const batchSize = opts.batchSize ?? 20;
  return {
    db: opts.db,
    logger: opts.logger,
    now: opts.now ?? (() => new Date()),
    workerId: opts.workerId ?? randomUUID(),
    batchSize,
    // The lease must outlast the slowest batch (every row of one subscriber timing out in turn), or another
    // instance would take rows still being sent and send them twice.
    leaseMs: opts.leaseMs ?? opts.timeoutMs * (batchSize + 1) + 30_000,
    backoff: {
      maxAttempts: opts.maxAttempts,
      baseDelayMs: opts.baseDelayMs ?? 10_000,
      maxDelayMs: opts.maxDelayMs ?? 3_600_000,
    },
    timeoutMs: opts.timeoutMs,
    allowPrivateTargets: opts.allowPrivateTargets,
    claims: 0,
    running: null,
    next: null,
  };
}

async function drainOnce(w: WorkerState): Promise<Counts> {
  const result = { delivered: 0, retried: 0, failed: 0 };
  for (;;) {
    const { more, rows } = await claim(w);
    // Subscribers in parallel, each one's deliveries in order: a slow city system delays only itself.
    const bySubscriber = new Map<string, DeliveryRow[]>();
    for (const r of rows) bySubscriber.set(r.subscriberId, [...(bySubscriber.get(r.subscriberId) ?? []), r]);
    await Promise.all(
      [...bySubscriber.values()].map(async (own) => {
        for (const row of own) result[await sendOne(w, row)]++;
      }),
    );
    if (!more) return result;
  }
}

function drain(w: WorkerState): Promise<Counts> {
  if (!w.running) {
    w.running = drainOnce(w).finally(() => {
      w.running = null;
    });
    return w.running;
  }
  w.next ??= w.running
    .catch(() => undefined)
    .then(() => {
      w.next = null;
      return drain(w);
    });
  return w.next;
}

/** drain() for fire-and-forget callers: at most one handler per queued run, however often it is called. */
function nudge(w: WorkerState): void {
  if (w.next) return;
  drain(w).catch((err: unknown) => w.logger.error({ err }, 'webhook drain failed'));
}

async function settle(w: WorkerState): Promise<void> {
  while (w.running || w.next) await (w.next ?? w.running)?.catch(() => undefined);
}

/** Creates the worker; `drain()` sends every due delivery and returns counts. Never throws for a send. */
export function createWebhookWorker(opts: WebhookWorkerOptions) {
  const w = createState(opts);
  return {
    workerId: w.workerId,
    /**
     * Sends everything due now. A call during a run waits for one more run after it: rows that became due while
     * the current run was already past its claim (an admin's retry, a new event) are sent too.
     */
    drain: () => drain(w),
    /** Starts a drain or queues one behind the run under way; failures are logged (every outbox write calls it). */
    nudge: () => nudge(w),
    /** Waits for a run in progress (shutdown). */
    settle: () => settle(w),
  };
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
