// Sends due outbox rows on their channel. Safe with several instances: a row is claimed with a
// compare-and-set update (status + lease), so exactly one worker owns it; a crashed worker's lease expires
// and another instance picks the row up. Delivery is therefore at-least-once across a crash mid-send.
// Pacing: each claimed row gets its recipient's slot and then its channel's slot from the limiter, booked
// ahead, and ./send-lanes.ts starts it then, several in flight on a paced channel; a row whose chat has no
// slot soon is put back until its slot (without counting an attempt) and the worker wakes itself for it.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ChannelName, SendReceipt } from '../channels/contract.js';
import { ChannelSendError, RecipientUnreachableError } from '../channels/contract.js';
import { type Db, sqlOf } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type ClaimedRow, claimDue, recordSent, unreachableAmong } from './outbox-sql.js';
import { createRateLimiter, DEFAULT_CHANNEL_RATES, type RateLimiter } from './rate-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import { rateLimitOf, recordFailure } from './send-failure.js';
import { createSendLanes, type SendLanes, type SendWindow, type StartedSend } from './send-lanes.js';
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

/** Creates a worker; `drain()` sends everything due now and returns counts. Never throws for a send error. */
export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const { db, adapters, policy, logger } = opts;
  const found = sqlOf(db);
  if (!found) throw new Error('the outbox worker needs a database opened with openDatabase (src/db/client.ts)');
  const sql = found;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? randomUUID();
  const limiter = opts.limiter ?? createRateLimiter(DEFAULT_CHANNEL_RATES);
  const pacing = opts.pacing ?? realPacing;
  const wakeAfter = pacing.wakeAfter ?? realWakeAfter;
  let running: Promise<DrainResult> | null = null;
  let again = false;
  let claims = 0;
  let wake: { at: number; cancel: () => void } | null = null;
  /** Set by stop(): no new claims, and claimed rows not yet started go back at once. */
  let stopping = false;
  /** The lanes of the drain under way (stop() halts them). */
  let lanes: SendLanes | null = null;
  /** The window guard's record of recent answers per channel (./send-lanes.ts), across drains. */
  const windows = new Map<string, SendWindow>();
  // A claimed row far behind a 429's pause goes back to the table rather than holding its lease.
  const planner = createSlotPlanner(limiter, pacing.maxInlineWaitMs, opts.leaseMs / 2);
  const { booked } = planner;

  async function claim(): Promise<{ more: boolean; rows: ClaimedRow[] }> {
    const t = now();
    const token = `${workerId}:${++claims}`;
    const lease = new Date(t.getTime() + opts.leaseMs);
    const rows = await claimDue(sql, token, t, lease, opts.batchSize, [...adapters.keys()]);
    // Other workers may have won some rows; there may still be more due than one batch.
    return { more: rows.length === opts.batchSize, rows };
  }

  /** Calls the platform now (the slot is now) and records the outcome when it answers. */
  function start(row: ClaimedRow, blocked: Map<string, string>, result: DrainResult): StartedSend {
    const adapter = adapters.get(row.channel as ChannelName);
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
        if (limited) limiter.pause(row.channel, pacing.nowMs() + (limited.retryAfterMs ?? 1_000));
        if (err instanceof RecipientUnreachableError) blocked.set(row.address, err.message);
        return { receipt: undefined, err };
      },
    );
    const done = outcome
      .then(({ receipt, err }) => (receipt ? sent(row, receipt) : failed(row, err)))
      .then((k) => {
        result[k]++;
      })
      // A send recorded nowhere stays 'sending' until its lease ends, then it is sent again (at-least-once).
      .catch((err: unknown) => logger.error({ err, outboxId: row.id }, 'outbox: recording a send failed'));
    return { answered: outcome.then(() => undefined), done };
  }

  async function sent(row: ClaimedRow, receipt: SendReceipt) {
    await recordSent(sql, row, receipt.platformMessageId, receipt, now());
    return 'sent' as const;
  }

  async function failed(row: ClaimedRow, err: unknown) {
    const decision = await recordFailure(db, row, err, policy, now());
    logger.warn(
      { outboxId: row.id, attempt: row.attempts, retry: decision.retry, reason: decision.reason },
      'send failed',
    );
    return decision.retry ? ('retried' as const) : ('failed' as const);
  }

  /** Puts a claimed row back for `delayMs` without counting an attempt, and makes sure a drain runs then. */
  async function postpone(row: ClaimedRow, delayMs: number) {
    await db.outbox.update({
      where: { id: row.id },
      data: {
        status: 'pending',
        nextAttemptAt: new Date(now().getTime() + delayMs),
        lockedUntil: null,
        attempts: { decrement: 1 },
      },
    });
    scheduleWake();
  }

  /**
   * Keeps one wake-up set for the earliest slot of a row put back, so each is sent when its slot comes. After
   * a wake-up drain, slots already due are forgotten: their rows were sent now, or by another instance.
   */
  function scheduleWake(afterDrain = false) {
    if (afterDrain) for (const [id, at] of booked) if (at <= pacing.nowMs()) booked.delete(id);
    let next = Number.POSITIVE_INFINITY;
    for (const at of booked.values()) next = Math.min(next, at);
    if (stopping || next === Number.POSITIVE_INFINITY || (wake && wake.at <= next)) return;
    wake?.cancel();
    const cancel = wakeAfter(Math.max(0, next - pacing.nowMs()), () => {
      wake = null;
      return drain()
        .then(() => undefined)
        .catch((err: unknown) => logger.error({ err }, 'outbox drain failed'))
        .finally(() => scheduleWake(true));
    });
    wake = { at: next, cancel };
  }

  /**
   * Shutdown: claimed rows this worker has not started sending are made due again now, so another instance
   * takes them at once instead of waiting out the lease. Only rows still locked by this worker are touched.
   */
  async function releaseUnstarted(rows: ClaimedRow[]) {
    if (rows.length === 0) return;
    const released = await db.outbox.updateMany({
      where: { id: { in: rows.map((r) => r.id) }, status: 'sending', lockedBy: { startsWith: `${workerId}:` } },
      data: { status: 'pending', nextAttemptAt: now(), lockedUntil: null, lockedBy: null, attempts: { decrement: 1 } },
    });
    logger.info({ released: released.count }, 'outbox: unstarted claims released at shutdown');
  }

  async function drainOnce(): Promise<DrainResult> {
    const result = empty();
    const later = new Map<string, number>();
    const blocked = new Map<string, string>();
    const current = createSendLanes({
      limiter,
      clock: pacing,
      maxInFlight: opts.maxInFlight ?? 8,
      start: (row) => start(row, blocked, result),
      windows,
    });
    lanes = current;
    const unstarted: ClaimedRow[] = [];
    try {
      for (;;) {
        const { more, rows } = await claim();
        if (stopping) {
          unstarted.push(...rows);
          break;
        }
        for (const [address, reason] of await unreachableAmong(
          sql,
          rows.map((r) => r.address),
        ))
          blocked.set(address, reason);
        for (const row of rows) {
          const where = planner.place(row, later, pacing.nowMs());
          if ('at' in where) current.queue(row, where.at);
          else {
            await postpone(row, where.putBackMs);
            result.postponed++;
          }
        }
        if (!more || stopping) break;
        await current.ready(opts.batchSize, CLAIM_AHEAD_MS);
        if (stopping) break;
      }
    } finally {
      await current.idle();
      lanes = null;
    }
    await releaseUnstarted([...unstarted, ...current.takeQueued()]);
    return result;
  }

  /**
   * Sends everything due. Concurrent calls within one process share one run; a call that arrives while a
   * run is under way makes it go round once more, so rows written meanwhile are not left for the next tick.
   */
  function drain(): Promise<DrainResult> {
    if (stopping) return Promise.resolve(empty());
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const total = empty();
      do {
        again = false;
        const r = await drainOnce();
        for (const k of Object.keys(total) as (keyof DrainResult)[]) total[k] += r[k];
      } while (again && !stopping);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  /** Resolves when the current run (if any) has finished, and cancels a pending wake-up. */
  async function settle(): Promise<void> {
    wake?.cancel();
    wake = null;
    await running?.catch(() => undefined);
  }

  return {
    workerId,
    settle,
    /** Shutdown: finishes the sends under way, releases the rest of the claimed rows, claims nothing more. */
    async stop(): Promise<void> {
      stopping = true;
      lanes?.stop();
      await settle();
    },
    drain,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
