// The channel-agnostic intake: store first (./inbound-store.ts), then understand (./intake/pipeline.ts, one
// transaction of small named steps), then answer through the outbox. This module orchestrates: the per-sender
// lock, retries, recording failures, and recovery of messages stored but not processed.
import type { InboundResult, IncomingMessage } from '../channels/contract.js';
import { isUniqueViolation, sqlOf } from '../db/client.js';
import type { Sql } from '../db/sql.js';
import type { AppContext } from './context.js';
import {
  DEFAULT_INBOUND_RETRY,
  dueInboundMessages,
  type InboundRetryPolicy,
  recordInboundFailure,
} from './inbound-retry.js';
import { earlierResult, sanitiseIncoming, storeInbound } from './inbound-store.js';
import { fastPathMayTake, runFastPath, SLOW } from './intake/fast-path.js';
import { type ComplaintRef, runPipeline } from './intake/pipeline.js';
import { createKeyedMutex } from './keyed-mutex.js';

export { MAX_TEXT_CHARS } from './complaint-fields.js';

/** What intake made of a message (the InboundSink's result). */
export type IngestResult = InboundResult;

export interface IntakeOptions {
  /** false sends every message through the full pipeline (tests and benchmarks compare the two). */
  fastPath?: boolean;
  /**
   * Messages `accept` may leave processing in the background; past this, `accept` waits for the processing
   * too, so a platform sending faster than we process is slowed down instead of filling memory.
   */
  maxBackground?: number;
}

/** What every step of the intake shares: one per createIntake. */
interface IntakeState {
  ctx: AppContext;
  retry: InboundRetryPolicy;
  withLock: ReturnType<typeof createKeyedMutex>;
  sql: Sql | undefined;
  /** How many messages each path processed (the benchmark and the fast path's test read it). */
  paths: { fast: number; full: number };
  background: Set<Promise<unknown>>;
  maxBackground: number;
}

const lockKey = (msg: IncomingMessage) => `${msg.channel}:${msg.sender.externalId}`;

/**
 * Step 2: turn a stored message into a complaint (or an answer). Idempotent: processed messages are skipped.
 * A failure is recorded with the next attempt's time (or 'dead' after the last attempt) and rethrown.
 */
async function processStored(s: IntakeState, messageId: string, msg: IncomingMessage): Promise<ComplaintRef> {
  const { ctx } = s;
  try {
    const fast = s.sql && fastPathMayTake(msg) ? await runFastPath(s.sql, ctx, messageId, msg) : SLOW;
    const made = fast === SLOW ? await handleWithRetry(ctx, messageId, msg) : fast;
    s.paths[fast === SLOW ? 'full' : 'fast']++;
    ctx.onOutboxWrite();
    return made;
  } catch (err) {
    await recordInboundFailure(ctx.db, s.retry, messageId, err, ctx.now());
    throw err;
  }
}

/** Processes a stored message by id (recovery, an admin's retry), under its sender's lock. */
async function processById(s: IntakeState, messageId: string): Promise<ComplaintRef> {
  const { ctx } = s;
  const row = await ctx.db.message.findUniqueOrThrow({ where: { id: messageId } });
  if (row.state === 'processed') return null;
  let msg: IncomingMessage;
  try {
    // JSON turned the Date into a string; the row keeps the platform's time as a real date.
    msg = { ...(JSON.parse(row.payload) as { normalised: IncomingMessage }).normalised, receivedAt: row.createdAt };
  } catch (err) {
    await recordInboundFailure(ctx.db, s.retry, messageId, err, ctx.now());
    throw err;
  }
  return s.withLock(lockKey(msg), () => processStored(s, row.id, msg));
}

async function handleWithRetry(ctx: AppContext, messageId: string, msg: IncomingMessage): Promise<ComplaintRef> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.$transaction((tx) => runPipeline(tx, ctx, messageId, msg), {
        timeout: 20_000,
        maxWait: 20_000,
      });
    } catch (err) {
      // A concurrent instance created the same reporter identity: the retry will find it.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

async function ingestLocked(s: IntakeState, msg: IncomingMessage): Promise<IngestResult> {
  const { ctx } = s;
  const stored = await storeInbound(ctx.db, msg);
  if (!stored.messageId) {
    ctx.logger.info({ channel: msg.channel, externalId: msg.externalId }, 'duplicate delivery ignored');
    return earlierResult(ctx.db, msg);
  }
  try {
    const made = await processStored(s, stored.messageId, msg);
    return {
      duplicate: false,
      messageId: stored.messageId,
      complaintId: made?.id ?? null,
      trackingId: made?.trackingId ?? null,
    };
  } catch (err) {
    // Stored, so not lost: the recovery job retries it when its next attempt is due.
    ctx.logger.error({ err, messageId: stored.messageId }, 'processing failed; will retry');
    return { duplicate: false, messageId: stored.messageId, complaintId: null, trackingId: null };
  }
}

/** The InboundSink: stores, then processes, and says what it made. A duplicate reports what the first made. */
async function ingest(s: IntakeState, msg: IncomingMessage): Promise<IngestResult> {
  // Storing and processing under the sender's lock: a concurrent second delivery in this instance waits,
  // then reads what the first one made.
  const clean = sanitiseIncoming(msg);
  return s.withLock(lockKey(clean), () => ingestLocked(s, clean));
}

/**
 * The sink for channels that need nothing back (webhooks, pollers): resolves as soon as the message is
 * durable, so the platform's request is answered at the speed of one insert; processing follows under the
 * sender's lock, in arrival order. A crash in between leaves a stored message the recovery job processes.
 */
async function accept(s: IntakeState, msg: IncomingMessage): Promise<IngestResult> {
  const { ctx, background } = s;
  const clean = sanitiseIncoming(msg);
  const stored = storeInbound(ctx.db, clean);
  // The sender's turn is taken now, before the insert: messages are processed in the order they arrived,
  // even when concurrent inserts finish in another order.
  const work = s
    .withLock(lockKey(clean), async () => {
      // A redelivery racing the first delivery may win the insert: the earlier turn still processes it.
      const id = (await stored).messageId ?? (await earlierResult(ctx.db, clean)).messageId;
      if (id) await processStored(s, id, clean);
    })
    .catch((err: unknown) => {
      // Stored, so not lost: the failure is recorded on the row and the recovery job retries it.
      ctx.logger.error({ err, channel: clean.channel }, 'processing failed; will retry');
    });
  const { messageId } = await stored;
  if (!messageId) return { duplicate: true, complaintId: null, trackingId: null };
  if (background.size >= s.maxBackground) {
    await work;
  } else {
    background.add(work);
    void work.finally(() => background.delete(work));
  }
  return { duplicate: false, messageId, complaintId: null, trackingId: null };
}

/**
 * Re-processes messages that are due: failed ones whose next attempt has come, and received ones older than
 * `olderThanMs` (a crash between storing and processing). Dead messages wait for an admin.
 */
async function recover(s: IntakeState, olderThanMs: number): Promise<number> {
  const due = await dueInboundMessages(s.ctx.db, s.ctx.now(), olderThanMs);
  let n = 0;
  for (const id of due) {
    try {
      await processById(s, id);
      n++;
    } catch (err) {
      s.ctx.logger.error({ err, messageId: id }, 'recovery failed');
    }
  }
  return n;
}

/** Creates the intake service. `ingest` is the InboundSink every adapter calls. */
export function createIntake(
  ctx: AppContext,
  retry: InboundRetryPolicy = DEFAULT_INBOUND_RETRY,
  options: IntakeOptions = {},
) {
  const s: IntakeState = {
    ctx,
    retry,
    withLock: createKeyedMutex(),
    sql: options.fastPath === false ? undefined : sqlOf(ctx.db),
    paths: { fast: 0, full: 0 },
    background: new Set<Promise<unknown>>(),
    maxBackground: options.maxBackground ?? 256,
  };
  return {
    ingest: (msg: IncomingMessage): Promise<IngestResult> => ingest(s, msg),
    accept: (msg: IncomingMessage): Promise<IngestResult> => accept(s, msg),
    /** Waits for the processing `accept` left in the background (graceful shutdown, tests). */
    async settle(): Promise<void> {
      while (s.background.size > 0) await Promise.allSettled([...s.background]);
    },
    process: (messageId: string): Promise<ComplaintRef> => processById(s, messageId),
    paths: s.paths,
    recover: (olderThanMs = retry.graceMs): Promise<number> => recover(s, olderThanMs),
  };
}

export type Intake = ReturnType<typeof createIntake>;
