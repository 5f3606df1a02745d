// The channel-agnostic intake pipeline: store first, then understand, then answer through the outbox.
import type { InboundResult, IncomingMessage } from '../channels/contract.js';
import { isUniqueViolation, type Tx } from '../db/client.js';
import { OPEN_STATUSES, type Status } from '../domain/process.js';
import { truncateText } from '../domain/text-hygiene.js';
import { acknowledgement, emergencyAdvice, reopenedByReporter, TEXTS } from '../domain/texts.js';
import { addWorkingDays } from '../domain/working-days.js';
import { enqueue } from '../outbox/enqueue.js';
import { handleChannelEvent } from './channel-events.js';
import { isChatter, markChatter } from './chatter.js';
import { parseCommand } from './commands.js';
import {
  addAttachments,
  classificationFields,
  locationFields,
  MAX_TEXT_CHARS,
  needsEmergencyAdvice,
  uniqueTrackingId,
} from './complaint-fields.js';
import type { AppContext } from './context.js';
import {
  DEFAULT_INBOUND_RETRY,
  dueInboundMessages,
  type InboundRetryPolicy,
  recordInboundFailure,
} from './inbound-retry.js';
import { earlierResult, sanitiseIncoming, storeInbound } from './inbound-store.js';
import { createKeyedMutex } from './keyed-mutex.js';
import { applyFollowUp } from './reporter-follow-up.js';
import { attachPhone, resolveReporter, setPrivacy } from './reporters.js';
import { statusAnswer } from './status-query.js';
import { transitionInTx } from './transitions.js';

/** Longest text kept on a complaint (defined beside the other complaint fields). */
export { MAX_TEXT_CHARS };

/** From this many earlier messages of one reporter within the window on, optional replies are skipped. */
const FLOOD_MAX_MESSAGES = 5;
const FLOOD_WINDOW_MS = 10_000;

/** What intake made of a message (the InboundSink's result). */
export type IngestResult = InboundResult;

/** A complaint as intake reports it back. */
type ComplaintRef = { id: string; trackingId: string } | null;

/** Creates the intake service. `ingest` is the InboundSink every adapter calls. */
export function createIntake(ctx: AppContext, retry: InboundRetryPolicy = DEFAULT_INBOUND_RETRY) {
  const withLock = createKeyedMutex();
  const lockKey = (msg: IncomingMessage) => `${msg.channel}:${msg.sender.externalId}`;

  /**
   * Step 2: turn a stored message into a complaint (or an answer). Idempotent: processed messages are skipped.
   * A failure is recorded with the next attempt's time (or 'dead' after the last attempt) and rethrown.
   */
  async function process(messageId: string, alreadyLocked = false): Promise<ComplaintRef> {
    const row = await ctx.db.message.findUniqueOrThrow({ where: { id: messageId } });
    if (row.state === 'processed') return null;
    try {
      // JSON turned the Date into a string; the row keeps the platform's time as a real date.
      const msg = {
        ...(JSON.parse(row.payload) as { normalised: IncomingMessage }).normalised,
        receivedAt: row.createdAt,
      };
      const made = alreadyLocked
        ? await handleWithRetry(row.id, msg)
        : await withLock(lockKey(msg), () => handleWithRetry(row.id, msg));
      ctx.onOutboxWrite();
      return made;
    } catch (err) {
      await recordInboundFailure(ctx.db, retry, row.id, err, ctx.now());
      throw err;
    }
  }

  async function handleWithRetry(messageId: string, msg: IncomingMessage): Promise<ComplaintRef> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ctx.db.$transaction((tx) => handle(tx, messageId, msg), { timeout: 20_000, maxWait: 20_000 });
      } catch (err) {
        // A concurrent instance created the same reporter identity: the retry will find it.
        if (isUniqueViolation(err) && attempt < 3) continue;
        throw err;
      }
    }
  }

  async function handle(tx: Tx, messageId: string, msg: IncomingMessage): Promise<ComplaintRef> {
    const now = ctx.now();
    // Take the message's row lock first: when two instances' recovery jobs pick the same message, the second
    // waits here, then sees it processed and stops, so one message never opens two complaints.
    const { count } = await tx.message.updateMany({
      where: { id: messageId, state: { not: 'processed' } },
      data: { processedAt: now },
    });
    if (count === 0) return null;
    // Edits, deletions, reactions, delivery statuses, service updates and group messages: recorded, not answered.
    if (await handleChannelEvent(tx, ctx, messageId, msg)) return null;
    const { reporter, isNew } = await resolveReporter(tx, msg, now);
    const done = async (complaint: ComplaintRef = null): Promise<ComplaintRef> => {
      await tx.message.update({
        where: { id: messageId },
        data: {
          state: 'processed',
          processedAt: now,
          reporterId: reporter.id,
          complaintId: complaint?.id ?? null,
          error: null,
          nextAttemptAt: null,
        },
      });
      return complaint;
    };
    // Flood protection: someone sending many messages within seconds gets their complaint acknowledged once,
    // not a polite answer to every sticker. Messages are still stored and grouped. Platform time is used so
    // a backlog delivered late is not mistaken for a flood.
    const recent = await tx.message.count({
      // Bounded on both sides: a message delivered hours late must not count every message written after it.
      where: {
        reporterId: reporter.id,
        createdAt: { gte: new Date(msg.receivedAt.getTime() - FLOOD_WINDOW_MS), lte: msg.receivedAt },
      },
    });
    const flooding = recent >= FLOOD_MAX_MESSAGES;
    const reply = async (kind: string, text: string, complaintId: string | null = null) => {
      if (flooding) return;
      await enqueue(tx, { dedupeKey: `reply:${messageId}`, address: msg.replyAddress, complaintId, kind, text });
    };

    if (reporter.blocked) return done();
    if (msg.followUp) {
      return done(
        await applyFollowUp(tx, ctx, { msg: { ...msg, followUp: msg.followUp }, messageId, reporterId: reporter.id }),
      );
    }
    const text = msg.text.trim();
    // A form submission is a complaint by definition: "Cek saluran air…" is not a status question there.
    const command = msg.explicit ? null : parseCommand(text);
    if (command?.name === 'start') {
      await reply('welcome', TEXTS.welcome(ctx.city.name));
      return done();
    }
    if (isNew && !msg.explicit && !msg.public) {
      // First contact: say how this works and offer the privacy choice, before the acknowledgement.
      await enqueue(tx, {
        dedupeKey: `welcome:${reporter.id}`,
        address: msg.replyAddress,
        kind: 'welcome',
        text: TEXTS.welcome(ctx.city.name),
        notBefore: new Date(now.getTime() - 500),
      });
    }
    if (command?.name === 'status') {
      await reply('status', await statusAnswer(tx, ctx, reporter.id, command.trackingId));
      return done();
    }
    if (command?.name === 'privacy') {
      await setPrivacy(tx, reporter.id, command.privacy);
      await reply('privacy', TEXTS.privacySet(command.privacy));
      return done();
    }
    if (msg.kind === 'contact' && msg.sender.phone) {
      const survivor = await attachPhone(tx, reporter.id, msg.sender.phone);
      await enqueue(tx, {
        dedupeKey: `reply:${messageId}`,
        address: msg.replyAddress,
        kind: 'contact',
        text: TEXTS.phoneSaved,
      });
      await tx.message.update({
        where: { id: messageId },
        data: { state: 'processed', processedAt: now, reporterId: survivor, nextAttemptAt: null },
      });
      return null;
    }
    if (msg.kind === 'unsupported') {
      await reply('unsupported', TEXTS.unsupported);
      return done();
    }
    if (text.length === 0 && msg.attachments.length === 0 && !msg.location) {
      // A bare mention in someone's public thread is not worth a public "your message is empty".
      if (!msg.public) await reply('empty', TEXTS.emptyMessage);
      return done();
    }

    const latest = await tx.complaint.findFirst({
      where: { reporterId: reporter.id },
      orderBy: { lastMessageAt: 'desc' },
    });
    const withinMerge = latest && now.getTime() - latest.lastMessageAt.getTime() <= ctx.mergeWindowMs;
    if (latest && withinMerge && OPEN_STATUSES.includes(latest.status as Status)) {
      // Still being written: several messages, a photo and a location within minutes are one complaint.
      const combined = truncateText([latest.text, text].filter(Boolean).join('\n'), MAX_TEXT_CHARS);
      await tx.complaint.update({
        where: { id: latest.id },
        data: { text: combined, lastMessageAt: now, ...classificationFields(ctx, combined), ...locationFields(msg) },
      });
      await addAttachments(tx, latest.id, messageId, msg);
      return done(latest);
    }

    const classification = ctx.classifier.classify(text);
    const resolvedRecently =
      latest?.status === 'resolved' &&
      latest.resolvedAt !== null &&
      now.getTime() - latest.resolvedAt.getTime() <= ctx.reopenWindowMs;
    if (latest && resolvedRecently && classification.agency !== 'DARURAT') {
      // The reporter answered a resolved complaint. Thanks close the loop; anything else reopens it.
      if (classification.agency === 'BUKAN_ADUAN' && msg.attachments.length === 0) return done(latest);
      await tx.complaint.update({
        where: { id: latest.id },
        data: { text: truncateText([latest.text, text].join('\n'), MAX_TEXT_CHARS), lastMessageAt: now },
      });
      await transitionInTx(tx, ctx, { trackingId: latest.trackingId, action: 'reopen', actor: 'reporter' });
      await reply('reopened', reopenedByReporter(latest.trackingId), latest.id);
      return done(latest);
    }

    const chatter = isChatter(classification);
    if (chatter && !msg.explicit && msg.attachments.length === 0 && !msg.location) {
      await markChatter(tx, messageId);
      // Chatter in a public thread is kept for the admins but not answered in public.
      if (!msg.public) await reply('not_a_complaint', TEXTS.notAComplaint(ctx.city.name));
      return done();
    }

    const trackingId = await uniqueTrackingId(tx, ctx, now);
    const complaint = await tx.complaint.create({
      data: {
        trackingId,
        reporterId: reporter.id,
        channel: msg.channel,
        replyAddress: msg.replyAddress,
        text: truncateText(text, MAX_TEXT_CHARS),
        privacy: msg.privacy ?? reporter.privacy,
        lastMessageAt: now,
        createdAt: now,
        verifyDueAt: addWorkingDays(now, ctx.sla.verifyWorkingDays, ctx.sla.calendar),
        ...classificationFields(ctx, text, classification),
        ...locationFields(msg),
      },
    });
    await tx.statusEvent.create({
      data: { complaintId: complaint.id, actor: 'system', action: 'receive', fromStatus: '', toStatus: 'received' },
    });
    await addAttachments(tx, complaint.id, messageId, msg);
    if (needsEmergencyAdvice(classification)) {
      await enqueue(tx, {
        dedupeKey: `emergency:${complaint.id}`,
        address: msg.replyAddress,
        complaintId: complaint.id,
        kind: 'emergency',
        text: emergencyAdvice(),
        notBefore: new Date(now.getTime() - 1_000),
      });
    }
    await enqueue(tx, {
      dedupeKey: `ack:${complaint.id}`,
      address: msg.replyAddress,
      complaintId: complaint.id,
      kind: 'ack',
      text: acknowledgement({
        trackingId,
        cityName: ctx.city.name,
        // Tell the reporter why this is a new complaint and not their earlier one.
        previousTrackingId: latest && !OPEN_STATUSES.includes(latest.status as Status) ? latest.trackingId : null,
      }),
    });
    return done(complaint);
  }

  async function ingestLocked(msg: IncomingMessage): Promise<IngestResult> {
    const stored = await storeInbound(ctx.db, msg);
    if (!stored.messageId) {
      ctx.logger.info({ channel: msg.channel, externalId: msg.externalId }, 'duplicate delivery ignored');
      return earlierResult(ctx.db, msg);
    }
    try {
      const made = await process(stored.messageId, true);
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

  return {
    /** The InboundSink: stores, then processes, and says what it made. A duplicate reports what the first made. */
    async ingest(msg: IncomingMessage): Promise<IngestResult> {
      // Storing and processing under the sender's lock: a concurrent second delivery in this instance waits,
      // then reads what the first one made.
      return withLock(lockKey(sanitiseIncoming(msg)), () => ingestLocked(msg));
    },
    process,
    /**
     * Re-processes messages that are due: failed ones whose next attempt has come, and received ones older than
     * `olderThanMs` (a crash between storing and processing). Dead messages wait for an admin.
     */
    async recover(olderThanMs = retry.graceMs): Promise<number> {
      const due = await dueInboundMessages(ctx.db, ctx.now(), olderThanMs);
      let n = 0;
      for (const id of due) {
        try {
          await process(id);
          n++;
        } catch (err) {
          ctx.logger.error({ err, messageId: id }, 'recovery failed');
        }
      }
      return n;
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
