// Sends due outbox rows on their channel. Safe with several instances: a row is claimed with a
// compare-and-set update (status + lease), so exactly one worker owns it; a crashed worker's lease expires
// and another instance picks the row up. Delivery is therefore at-least-once across a crash mid-send.
// Pacing: each claimed row gets its recipient's slot and then its channel's slot from the limiter, booked
// ahead, and ./send-lanes.ts starts it then, several in flight on a paced channel; a row whose chat has no
// slot soon is put back until its slot (without counting an attempt) and the worker wakes itself for it.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { type Db, sqlOf } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type ClaimedRow, claimDue, unreachableAmong } from './outbox-sql.js';
import { createRateLimiter, DEFAULT_CHANNEL_RATES, type RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import { createSendLanes, type SendLanes, type SendWindow } from './send-lanes.js';
import { type SendContext, startSend } from './send-row.js';
import { createSlotPlanner } from './slot-plan.js';

/** Time for pacing, in real milliseconds even when `now` is a test clock; tests inject all of it. */
export interface Pacing {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  /** A row whose chat has no slot within this long is put back for its slot instead of waiting in memory. */
  maxInlineWaitMs: number;
  /** Runs `fn` after `ms` (the wake-up for rows put back); returns a cancel function. */
  wakeAfter?(ms: number, fn: () => Promise<void>): () => void;
}

export interface OutboxWorkerOptions {
  db: Db;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
  policy: RetryPolicy;
  batchSize: number;
  leaseMs: number;
  logger: Logger;
  now?: () => Date;
  workerId?: string;
  /** Paces sends per channel and recipient (default: the platforms' documented limits). */
  limiter?: RateLimiter;
  pacing?: Pacing;
  /** Sends in flight at once on a paced channel (default 8: enough for 30/s at a 250 ms round trip). */
  maxInFlight?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  /** Rows put back for later because their recipient (or channel) had no free slot soon enough. */
  postponed: number;
}

/** A timer that does not keep the process alive (the cron tick is the safety net). */
function realWakeAfter(ms: number, fn: () => Promise<void>): () => void {
  const timer = setTimeout(() => void fn(), ms);
  timer.unref();
  return () => clearTimeout(timer);
}

const realPacing: Pacing = {
  nowMs: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  // Waiting up to this long in line beats a round trip through the table and a timer.
  maxInlineWaitMs: 250,
  wakeAfter: realWakeAfter,
};

/** The next batch is claimed when what is queued starts within this long, so sends never wait for a claim. */
const CLAIM_AHEAD_MS = 1_000;

const empty = (): DrainResult => ({ sent: 0, retried: 0, failed: 0, postponed: 0 });

/** The worker's state, shared by the functions below (createOutboxWorker builds it). */
interface WorkerState extends SendContext {
  opts: OutboxWorkerOptions;
  workerId: string;
  pacing: Pacing;
  wakeAfter: (ms: number, fn: () => Promise<void>) => () => void;
  running: Promise<DrainResult> | null;
  again: boolean;
  claims: number;
  wake: { at: number; cancel: () => void } | null;
  /** Set by stop(): no new claims, and claimed rows not yet started go back at once. */
  stopping: boolean;
  /** The lanes of the drain under way (stop() halts them). */
  lanes: SendLanes | null;
  /** The window guard's record of recent answers per channel (./send-lanes.ts), across drains. */
  windows: Map<string, SendWindow>;
  planner: ReturnType<typeof createSlotPlanner>;
}

function createState(opts: OutboxWorkerOptions): WorkerState {
  const { db, adapters, policy, logger } = opts;
  const found = sqlOf(db);
  if (!found) throw new Error('the outbox worker needs a database opened with openDatabase (src/db/client.ts)');
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? randomUUID();
  const limiter = opts.limiter ?? createRateLimiter(DEFAULT_CHANNEL_RATES);
  const pacing = opts.pacing ?? realPacing;
  const wakeAfter = pacing.wakeAfter ?? realWakeAfter;
  return {
    opts,
    db,
    sql: found,
    adapters,
    policy,
    logger,
    now,
    workerId,
    limiter,
    pacing,
    wakeAfter,
    running: null,
    again: false,
    claims: 0,
    wake: null,
    stopping: false,
    lanes: null,
    windows: new Map(),
    // A claimed row far behind a 429's pause goes back to the table rather than holding its lease.
    planner: createSlotPlanner(limiter, pacing.maxInlineWaitMs, opts.leaseMs / 2),
  };
}

async function claim(w: WorkerState): Promise<{ more: boolean; rows: ClaimedRow[] }> {
  const t = w.now();
  const token = `${w.workerId}:${++w.claims}`;
  const lease = new Date(t.getTime() + w.opts.leaseMs);
  const rows = await claimDue(w.sql, token, t, lease, w.opts.batchSize, [...w.adapters.keys()]);
  // Other workers may have won some rows; there may still be more due than one batch.
  return { more: rows.length === w.opts.batchSize, rows };
}

/** Puts a claimed row back for `delayMs` without counting an attempt, and makes sure a drain runs then. */
async function postpone(w: WorkerState, row: ClaimedRow, delayMs: number) {
  await w.db.outbox.update({
    where: { id: row.id },
    data: {
      status: 'pending',
      nextAttemptAt: new Date(w.now().getTime() + delayMs),
      lockedUntil: null,
      attempts: { decrement: 1 },
    },
  });
  scheduleWake(w);
}

/**
 * Keeps one wake-up set for the earliest slot of a row put back, so each is sent when its slot comes. After
 * a wake-up drain, slots already due are forgotten: their rows were sent now, or by another instance.
 */
function scheduleWake(w: WorkerState, afterDrain = false) {
  const { booked } = w.planner;
  if (afterDrain) for (const [id, at] of booked) if (at <= w.pacing.nowMs()) booked.delete(id);
  let next = Number.POSITIVE_INFINITY;
  for (const at of booked.values()) next = Math.min(next, at);
  if (w.stopping || next === Number.POSITIVE_INFINITY || (w.wake && w.wake.at <= next)) return;
  w.wake?.cancel();
  const { wakeAfter } = w;
  const cancel = wakeAfter(Math.max(0, next - w.pacing.nowMs()), () => {
    w.wake = null;
    return drain(w)
      .then(() => undefined)
      .catch((err: unknown) => w.logger.error({ err }, 'outbox drain failed'))
      .finally(() => scheduleWake(w, true));
  });
  w.wake = { at: next, cancel };
}

/**
 * Shutdown: claimed rows this worker has not started sending are made due again now, so another instance
 * takes them at once instead of waiting out the lease. Only rows still locked by this worker are touched.
 */
async function releaseUnstarted(w: WorkerState, rows: ClaimedRow[]) {
  if (rows.length === 0) return;
  const released = await w.db.outbox.updateMany({
    where: { id: { in: rows.map((r) => r.id) }, status: 'sending', lockedBy: { startsWith: `${w.workerId}:` } },
    data: { status: 'pending', nextAttemptAt: w.now(), lockedUntil: null, lockedBy: null, attempts: { decrement: 1 } },
  });
  w.logger.info({ released: released.count }, 'outbox: unstarted claims released at shutdown');
}

async function drainOnce(w: WorkerState): Promise<DrainResult> {
  const { opts, pacing, planner } = w;
  const result = empty();
  const later = new Map<string, number>();
  const blocked = new Map<string, string>();
  const current = createSendLanes({
    limiter: w.limiter,
    clock: pacing,
    maxInFlight: opts.maxInFlight ?? 8,
    start: (row) => startSend(w, row, blocked, result),
    windows: w.windows,
  });
  w.lanes = current;
  const unstarted: ClaimedRow[] = [];
  try {
    for (;;) {
      const { more, rows } = await claim(w);
      if (w.stopping) {
        unstarted.push(...rows);
        break;
      }
      for (const [address, reason] of await unreachableAmong(
        w.sql,
        rows.map((r) => r.address),
      ))
        blocked.set(address, reason);
      for (const row of rows) {
        const where = planner.place(row, later, pacing.nowMs());
        if ('at' in where) current.queue(row, where.at);
        else {
          await postpone(w, row, where.putBackMs);
          result.postponed++;
        }
      }
      if (!more || w.stopping) break;
      await current.ready(opts.batchSize, CLAIM_AHEAD_MS);
      if (w.stopping) break;
    }
  } finally {
    await current.idle();
    w.lanes = null;
  }
  await releaseUnstarted(w, [...unstarted, ...current.takeQueued()]);
  return result;
}

/**
 * Sends everything due. Concurrent calls within one process share one run; a call that arrives while a
 * run is under way makes it go round once more, so rows written meanwhile are not left for the next tick.
 */
function drain(w: WorkerState): Promise<DrainResult> {
  if (w.stopping) return Promise.resolve(empty());
  if (w.running) {
    w.again = true;
    return w.running;
  }
  w.running = (async () => {
    const total = empty();
    do {
      w.again = false;
      const r = await drainOnce(w);
      for (const k of Object.keys(total) as (keyof DrainResult)[]) total[k] += r[k];
    } while (w.again && !w.stopping);
    return total;
  })().finally(() => {
    w.running = null;
  });
  return w.running;
}

/**
 * drain() for fire-and-forget callers (every outbox write): starts a run, or makes the one under way go round
 * again, without attaching a handler to it. A handler per call piles up on a run that lasts as long as traffic
 * keeps coming: 30,000 of them after 30,000 messages (bench:http's heap snapshot).
 */
function nudge(w: WorkerState): void {
  if (w.running) {
    w.again = true;
    return;
  }
  drain(w).catch((err: unknown) => w.logger.error({ err }, 'outbox drain failed'));
}

/** Resolves when the current run (if any) has finished, and cancels a pending wake-up. */
async function settle(w: WorkerState): Promise<void> {
  w.wake?.cancel();
  w.wake = null;
  await w.running?.catch(() => undefined);
}

async function stop(w: WorkerState): Promise<void> {
  w.stopping = true;
  w.lanes?.stop();
  await settle(w);
}

/** Creates a worker; `drain()` sends everything due now and returns counts. Never throws for a send error. */
export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const w = createState(opts);
  return {
    workerId: w.workerId,
    settle: () => settle(w),
    /** Shutdown: finishes the sends under way, releases the rest of the claimed rows, claims nothing more. */
    stop: () => stop(w),
    drain: () => drain(w),
    nudge: () => nudge(w),
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
