// Sends due outbox rows on their channel. Safe with several instances: a row is claimed with a
// compare-and-set update (status + lease), so exactly one worker owns it; a crashed worker's lease expires
// and another instance picks the row up. Delivery is therefore at-least-once across a crash mid-send.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { ChannelSendError, RecipientUnreachableError } from '../channels/contract.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { createRateLimiter, DEFAULT_CHANNEL_RATES, type RateLimiter } from './rate-limiter.js';
import { assertReachable, markUnreachable } from './reachability.js';
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
  /** Paces sends per channel and recipient (default: the platforms' documented limits). */
  limiter?: RateLimiter;
  /** Wall-clock pacing: the limiter works in real milliseconds even when `now` is a test clock. */
  pacing?: { nowMs(): number; sleep(ms: number): Promise<void>; maxInlineWaitMs: number };
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
  /** Rows put back for later because their recipient (or channel) had no free slot soon enough. */
  postponed: number;
}

const realPacing = {
  nowMs: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  // Waiting up to this long in line beats a round trip through the table and a timer.
  maxInlineWaitMs: 250,
};

/** Creates a worker; `drain()` sends everything due now and returns counts. Never throws for a send error. */
export function createOutboxWorker(opts: OutboxWorkerOptions) {
  const { db, adapters, policy, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const workerId = opts.workerId ?? randomUUID();
  const limiter = opts.limiter ?? createRateLimiter(DEFAULT_CHANNEL_RATES);
  const pacing = opts.pacing ?? realPacing;
  let running: Promise<DrainResult> | null = null;
  let again = false;
  let claims = 0;
  let wake: { at: number; timer: NodeJS.Timeout } | null = null;
  /** Set by stop(): no new claims, and claimed rows not yet started go back at once. */
  let stopping = false;
  /** Slots booked for rows put back (outbox id -> ms): when such a row comes due it uses its slot. */
  const booked = new Map<string, number>();

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
      await assertReachable(db, row.address);
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
      // The user blocked the bot: stop every later send to this address and let admins see why.
      if (err instanceof RecipientUnreachableError) await markUnreachable(db, row.address, err.message, now());
      const decision = decideRetry(err, row.attempts, policy);
      const retryAfterMs = err instanceof ChannelSendError ? (err.retryAfterMs ?? null) : null;
      // "Slow down" is not a failed attempt: it never brings a reply closer to being given up.
      const rateLimited = err instanceof ChannelSendError && err.kind === 'rate_limited';
      // The platform's own signal beats our estimate: hold the whole channel for as long as it asked.
      if (rateLimited) limiter.pause(row.channel, pacing.nowMs() + (retryAfterMs ?? 1_000));
      await db.$transaction([
        db.outbox.update({
          where: { id: row.id },
          data: decision.retry
            ? {
                status: 'pending',
                nextAttemptAt: new Date(now().getTime() + decision.delayMs),
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
      logger.warn(
        { outboxId: row.id, attempt: row.attempts, retry: decision.retry, reason: decision.reason },
        'send failed',
      );
      return decision.retry ? ('retried' as const) : ('failed' as const);
    }
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
   * Keeps one timer set for the earliest slot of a row put back, so each is sent when its slot comes. After a
   * wake-up drain, slots already due are forgotten: their rows were sent now, or by another instance.
   */
  function scheduleWake(afterDrain = false) {
    if (afterDrain) for (const [id, at] of booked) if (at <= pacing.nowMs()) booked.delete(id);
    let next = Number.POSITIVE_INFINITY;
    for (const at of booked.values()) next = Math.min(next, at);
    if (next === Number.POSITIVE_INFINITY || (wake && wake.at <= next)) return;
    if (wake) clearTimeout(wake.timer);
    const timer = setTimeout(
      () => {
        wake = null;
        void drain()
          .catch((err: unknown) => logger.error({ err }, 'outbox drain failed'))
          .finally(() => scheduleWake(true));
      },
      Math.max(0, next - pacing.nowMs()),
    );
    timer.unref();
    wake = { at: next, timer };
  }

  /**
   * Sends a row when its channel and recipient have a slot within maxInlineWaitMs, else puts it back until
   * its slot. Later rows of a recipient already put back in this pass go after it, so per-chat order holds.
   */
  async function paced(row: ClaimedRow, later: Map<string, number>): Promise<keyof DrainResult> {
    const key = `${row.channel}\u0000${row.address}`;
    const t = pacing.nowMs();
    const slot = booked.get(row.id);
    booked.delete(row.id);
    // A row that was put back already holds its slot; its own later bookings must not push it back again.
    const wait = slot !== undefined ? Math.max(0, slot - t) : limiter.delayFor(row.channel, row.address, t);
    const after = later.get(key);
    if (wait > pacing.maxInlineWaitMs || after !== undefined) {
      const at = Math.max(t + wait, (after ?? 0) + 1);
      later.set(key, at);
      if (slot === undefined) limiter.reserve(row.channel, row.address, at);
      // A booking whose row another instance sends never comes back here; the wake-up after its slot drops it.
      booked.set(row.id, at);
      await postpone(row, at - t);
      return 'postponed';
    }
    if (wait > 0) await pacing.sleep(wait);
    // Booked when the sleep ended, not at the slot: a late timer then leaves slack for the platform's clock
    // and the network's jitter instead of squeezing the next send closer.
    if (slot === undefined) limiter.reserve(row.channel, row.address, pacing.nowMs());
    return sendOne(row);
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
    const result: DrainResult = { sent: 0, retried: 0, failed: 0, postponed: 0 };
    const later = new Map<string, number>();
    for (;;) {
      const { more, rows } = await claim();
      // Sequential: the limiter spaces sends per channel and per chat, which a parallel send would defeat.
      for (const [i, row] of rows.entries()) {
        if (stopping) {
          await releaseUnstarted(rows.slice(i));
          return result;
        }
        result[await paced(row, later)]++;
      }
      if (!more || stopping) return result;
    }
  }

  /**
   * Sends everything due. Concurrent calls within one process share one run; a call that arrives while a
   * run is under way makes it go round once more, so rows written meanwhile are not left for the next tick.
   */
  function drain(): Promise<DrainResult> {
    if (stopping) return Promise.resolve({ sent: 0, retried: 0, failed: 0, postponed: 0 });
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const total: DrainResult = { sent: 0, retried: 0, failed: 0, postponed: 0 };
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
    if (wake) clearTimeout(wake.timer);
    wake = null;
    await running?.catch(() => undefined);
  }

  return {
    workerId,
    settle,
    /** Shutdown: finishes the send under way, releases the rest of the claimed batch, claims nothing more. */
    async stop(): Promise<void> {
      stopping = true;
      await settle();
    },
    drain,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
