// The channel-agnostic intake pipeline: store first, then understand, then answer through the outbox.
import type { IncomingMessage } from '../channels/contract.js';
import { isUniqueViolation, type Tx } from '../db/client.js';
import { OPEN_STATUSES, type Status } from '../domain/process.js';
import { acknowledgement, emergencyAdvice, reopenedByReporter, TEXTS } from '../domain/texts.js';
import { newTrackingId } from '../domain/tracking-id.js';
import { addWorkingDays } from '../domain/working-days.js';
import { enqueue } from '../outbox/enqueue.js';
import { parseCommand } from './commands.js';
import { addAttachments, classificationFields, locationFields, needsEmergencyAdvice } from './complaint-fields.js';
import type { AppContext } from './context.js';
import { createKeyedMutex } from './keyed-mutex.js';
import { attachPhone, resolveReporter, setPrivacy } from './reporters.js';
import { statusAnswer } from './status-query.js';
import { transitionInTx } from './transitions.js';

/** Longest text kept on a complaint; the raw payload always keeps everything. */
export const MAX_TEXT_CHARS = 10_000;
/** From this many earlier messages of one reporter within the window on, optional replies are skipped. */
const FLOOD_MAX_MESSAGES = 5;
const FLOOD_WINDOW_MS = 10_000;

export type IngestResult = { duplicate: true; messageId?: undefined } | { duplicate: false; messageId: string };

/** Creates the intake service. `ingest` is the InboundSink every adapter calls. */
export function createIntake(ctx: AppContext) {
  const withLock = createKeyedMutex();

  /** Step 1: store the message. A second delivery of the same platform message is recognised by the index. */
  async function store(msg: IncomingMessage): Promise<IngestResult> {
    try {
      const row = await ctx.db.message.create({
        data: {
          channel: msg.channel,
          externalId: msg.externalId,
          direction: 'inbound',
          kind: msg.kind,
          text: msg.text,
          payload: JSON.stringify({ normalised: { ...msg, raw: undefined }, raw: msg.raw }),
          createdAt: msg.receivedAt,
        },
      });
      return { duplicate: false, messageId: row.id };
    } catch (err) {
      if (isUniqueViolation(err)) return { duplicate: true };
      throw err;
    }
  }

  /** Step 2: turn a stored message into a complaint (or an answer). Idempotent: processed messages are skipped. */
  async function process(messageId: string): Promise<void> {
    const row = await ctx.db.message.findUniqueOrThrow({ where: { id: messageId } });
    if (row.state === 'processed') return;
    // JSON turned the Date into a string; the row keeps the platform's time as a real date.
    const msg = {
      ...(JSON.parse(row.payload) as { normalised: IncomingMessage }).normalised,
      receivedAt: row.createdAt,
    };
    await withLock(`${msg.channel}:${msg.sender.externalId}`, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await ctx.db.$transaction((tx) => handle(tx, row.id, msg), { timeout: 20_000, maxWait: 20_000 });
          break;
        } catch (err) {
          // A concurrent instance created the same reporter identity: the retry will find it.
          if (isUniqueViolation(err) && attempt < 3) continue;
          await ctx.db.message.update({
            where: { id: row.id },
            data: { state: 'failed', error: err instanceof Error ? err.message.slice(0, 1000) : String(err) },
          });
          throw err;
        }
      }
    });
    ctx.onOutboxWrite();
  }

  async function handle(tx: Tx, messageId: string, msg: IncomingMessage): Promise<void> {
    const now = ctx.now();
    // Take the message's row lock first: when two instances' recovery jobs pick the same message, the second
    // waits here, then sees it processed and stops, so one message never opens two complaints.
    const { count } = await tx.message.updateMany({
      where: { id: messageId, state: { not: 'processed' } },
      data: { processedAt: now },
    });
    if (count === 0) return;
    const { reporter, isNew } = await resolveReporter(tx, msg, now);
    const done = (complaintId: string | null = null) =>
      tx.message.update({
        where: { id: messageId },
        data: { state: 'processed', processedAt: now, reporterId: reporter.id, complaintId, error: null },
      });
    // Flood protection: someone sending many messages within seconds gets their complaint acknowledged once,
    // not a polite answer to every sticker. Messages are still stored and grouped. Platform time is used so
    // a backlog delivered late is not mistaken for a flood.
    const recent = await tx.message.count({
      where: { reporterId: reporter.id, createdAt: { gte: new Date(msg.receivedAt.getTime() - FLOOD_WINDOW_MS) } },
    });
    const flooding = recent >= FLOOD_MAX_MESSAGES;
    const reply = async (kind: string, text: string, complaintId: string | null = null) => {
      if (flooding) return;
      await enqueue(tx, { dedupeKey: `reply:${messageId}`, address: msg.replyAddress, complaintId, kind, text });
    };

    if (reporter.blocked) return void (await done());
    const text = msg.text.trim();
    // A form submission is a complaint by definition: "Cek saluran air…" is not a status question there.
    const command = msg.explicit ? null : parseCommand(text);
    if (command?.name === 'start') {
      await reply('welcome', TEXTS.welcome(ctx.city.name));
      return void (await done());
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
      return void (await done());
    }
    if (command?.name === 'privacy') {
      await setPrivacy(tx, reporter.id, command.privacy);
      await reply('privacy', TEXTS.privacySet(command.privacy));
      return void (await done());
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
        data: { state: 'processed', processedAt: now, reporterId: survivor },
      });
      return;
    }
    if (msg.kind === 'unsupported') {
      await reply('unsupported', TEXTS.unsupported);
      return void (await done());
    }
    if (text.length === 0 && msg.attachments.length === 0 && !msg.location) {
      // A bare mention in someone's public thread is not worth a public "your message is empty".
      if (!msg.public) await reply('empty', TEXTS.emptyMessage);
      return void (await done());
    }

    const latest = await tx.complaint.findFirst({
      where: { reporterId: reporter.id },
      orderBy: { lastMessageAt: 'desc' },
    });
    const withinMerge = latest && now.getTime() - latest.lastMessageAt.getTime() <= ctx.mergeWindowMs;
    if (latest && withinMerge && OPEN_STATUSES.includes(latest.status as Status)) {
      // Still being written: several messages, a photo and a location within minutes are one complaint.
      const combined = [latest.text, text].filter(Boolean).join('\n').slice(0, MAX_TEXT_CHARS);
      await tx.complaint.update({
        where: { id: latest.id },
        data: { text: combined, lastMessageAt: now, ...classificationFields(ctx, combined), ...locationFields(msg) },
      });
      await addAttachments(tx, latest.id, messageId, msg);
      return void (await done(latest.id));
    }

    const classification = ctx.classifier.classify(text);
    const resolvedRecently =
      latest?.status === 'resolved' &&
      latest.resolvedAt !== null &&
      now.getTime() - latest.resolvedAt.getTime() <= ctx.reopenWindowMs;
    if (latest && resolvedRecently && classification.agency !== 'DARURAT') {
      // The reporter answered a resolved complaint. Thanks close the loop; anything else reopens it.
      if (classification.agency === 'BUKAN_ADUAN' && msg.attachments.length === 0) return void (await done(latest.id));
      await tx.complaint.update({
        where: { id: latest.id },
        data: { text: [latest.text, text].join('\n').slice(0, MAX_TEXT_CHARS), lastMessageAt: now },
      });
      await transitionInTx(tx, ctx, { trackingId: latest.trackingId, action: 'reopen', actor: 'reporter' });
      await reply('reopened', reopenedByReporter(latest.trackingId), latest.id);
      return void (await done(latest.id));
    }

    const chatter = classification.agency === 'BUKAN_ADUAN' && !classification.needsReview;
    if (chatter && !msg.explicit && msg.attachments.length === 0 && !msg.location) {
      // Chatter in a public thread is kept for the admins but not answered in public.
      if (!msg.public) await reply('not_a_complaint', TEXTS.notAComplaint(ctx.city.name));
      return void (await done());
    }

    const trackingId = await uniqueTrackingId(tx, now);
    const complaint = await tx.complaint.create({
      data: {
        trackingId,
        reporterId: reporter.id,
        channel: msg.channel,
        replyAddress: msg.replyAddress,
        text: text.slice(0, MAX_TEXT_CHARS),
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
    await done(complaint.id);
  }

  async function uniqueTrackingId(tx: Tx, now: Date): Promise<string> {
    for (let i = 0; i < 20; i++) {
      // After a few collisions on a busy day, lengthen the random part rather than loop forever.
      const id = newTrackingId(ctx.city.code, now, ctx.city.timeZone, 4 + Math.floor(i / 5));
      if (!(await tx.complaint.findUnique({ where: { trackingId: id }, select: { id: true } }))) return id;
    }
    throw new Error('could not find a free tracking id');
  }

  return {
    /** The InboundSink: stores, then processes. Duplicates are acknowledged once (here: ignored). */
    async ingest(msg: IncomingMessage): Promise<IngestResult> {
      const stored = await store(msg);
      if (stored.duplicate) {
        ctx.logger.info({ channel: msg.channel, externalId: msg.externalId }, 'duplicate delivery ignored');
        return stored;
      }
      try {
        await process(stored.messageId);
      } catch (err) {
        // Stored, so not lost: the recovery job retries messages left unprocessed.
        ctx.logger.error({ err, messageId: stored.messageId }, 'processing failed; will retry');
      }
      return stored;
    },
    process,
    /** Re-processes messages stored but not processed (a crash, a failed transaction). */
    async recover(olderThanMs = 30_000): Promise<number> {
      const stuck = await ctx.db.message.findMany({
        where: {
          direction: 'inbound',
          state: { in: ['received', 'failed'] },
          createdAt: { lt: new Date(ctx.now().getTime() - olderThanMs) },
        },
        orderBy: { createdAt: 'asc' },
        take: 100,
        select: { id: true },
      });
      let n = 0;
      for (const { id } of stuck) {
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
