// The channel-agnostic intake pipeline: store first, then understand, then answer through the outbox.
import type { IncomingMessage } from '../channels/contract.js';
import { isUniqueViolation, type Tx } from '../db/client.js';
import { OPEN_STATUSES, type Status } from '../domain/process.js';
import { acknowledgement, emergencyAdvice, reopenedByReporter, TEXTS } from '../domain/texts.js';
import { findTrackingId, newTrackingId } from '../domain/tracking-id.js';
import { enqueue } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';
import { createKeyedMutex } from './keyed-mutex.js';
import { statusAnswer } from './status-query.js';
import { transitionInTx } from './transitions.js';

/** Longest text kept on a complaint; the raw payload always keeps everything. */
export const MAX_TEXT_CHARS = 10_000;

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
    const msg = (JSON.parse(row.payload) as { normalised: IncomingMessage }).normalised;
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
    const reporter = await findOrCreateReporter(tx, msg, now);
    const done = (complaintId: string | null = null) =>
      tx.message.update({
        where: { id: messageId },
        data: { state: 'processed', processedAt: now, reporterId: reporter.id, complaintId, error: null },
      });
    const reply = (kind: string, text: string, complaintId: string | null = null) =>
      enqueue(tx, { dedupeKey: `reply:${messageId}`, address: msg.replyAddress, complaintId, kind, text });

    if (reporter.blocked) return void (await done());
    const text = msg.text.trim();
    const command = parseCommand(text);
    if (command?.name === 'start') {
      await reply('welcome', TEXTS.welcome(ctx.city.name));
      return void (await done());
    }
    if (command?.name === 'status') {
      await reply('status', await statusAnswer(tx, ctx, reporter.id, command.trackingId));
      return void (await done());
    }
    if (msg.kind === 'unsupported') {
      await reply('unsupported', TEXTS.unsupported);
      return void (await done());
    }
    if (text.length === 0 && msg.attachments.length === 0 && !msg.location) {
      await reply('empty', TEXTS.emptyMessage);
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
        ...classificationFields(ctx, text, classification),
        ...locationFields(msg),
      },
    });
    await tx.statusEvent.create({
      data: { complaintId: complaint.id, actor: 'system', action: 'receive', fromStatus: '', toStatus: 'received' },
    });
    await addAttachments(tx, complaint.id, messageId, msg);
    if (classification.agency === 'DARURAT') {
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
      text: acknowledgement({ trackingId, cityName: ctx.city.name }),
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

function parseCommand(text: string): { name: 'start' } | { name: 'status'; trackingId: string | null } | null {
  const lower = text.toLowerCase();
  if (/^\/start\b/.test(lower)) return { name: 'start' };
  if (/^(\/status|status|cek|\/cek)\b/.test(lower)) return { name: 'status', trackingId: findTrackingId(text) };
  return null;
}

function classificationFields(ctx: AppContext, text: string, c = ctx.classifier.classify(text)) {
  return {
    suggestedAgency: c.agency,
    suggestionConfidence: c.confidence,
    needsReview: c.needsReview,
    jurisdiction: c.jurisdiction,
    classification: JSON.stringify(c),
  };
}

function locationFields(msg: IncomingMessage) {
  return msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : {};
}

async function addAttachments(tx: Tx, complaintId: string, messageId: string, msg: IncomingMessage) {
  for (const a of msg.attachments) {
    await tx.attachment.create({
      data: {
        complaintId,
        messageId,
        kind: a.kind,
        platformFileId: a.platformFileId,
        mimeType: a.mimeType ?? null,
        sizeBytes: a.sizeBytes ?? null,
        caption: msg.text || null,
      },
    });
  }
}

async function findOrCreateReporter(tx: Tx, msg: IncomingMessage, now: Date) {
  const identity = await tx.channelIdentity.findUnique({
    where: { channel_externalId: { channel: msg.channel, externalId: msg.sender.externalId } },
    include: { reporter: true },
  });
  if (identity) {
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: {
        lastInboundAt: now,
        address: msg.replyAddress,
        displayName: msg.sender.displayName ?? identity.displayName,
      },
    });
    return identity.reporter;
  }
  return tx.reporter.create({
    data: {
      displayName: msg.sender.displayName ?? null,
      phone: msg.sender.phone ?? null,
      privacy: msg.privacy ?? 'named',
      identities: {
        create: {
          channel: msg.channel,
          externalId: msg.sender.externalId,
          address: msg.replyAddress,
          displayName: msg.sender.displayName ?? null,
          lastInboundAt: now,
        },
      },
    },
  });
}
