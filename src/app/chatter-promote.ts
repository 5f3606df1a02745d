// An admin turns a chatter message into a complaint: the complaint is opened as intake would have opened it,
// and only now does the reporter get the acknowledgement with the tracking ID.
import type { IncomingMessage } from '../channels/contract.js';
import { truncateText } from '../domain/text-hygiene.js';
import { acknowledgement } from '../domain/texts.js';
import { addWorkingDays } from '../domain/working-days.js';
import { enqueue } from '../outbox/enqueue.js';
import { complaintEventData, recordWebhookEvent } from '../webhooks/events.js';
import { addAttachments, classificationFields, locationFields, uniqueTrackingId } from './complaint-fields.js';
import type { AppContext } from './context.js';
import { ConflictError, NotFoundError } from './transitions.js';

const MAX_TEXT_CHARS = 10_000;

/** The chatter list: messages intake kept out of the complaint queue, newest first. */
export async function listChatter(ctx: AppContext, opts: { limit: number; before?: Date }) {
  const rows = await ctx.db.message.findMany({
    where: { disposition: 'chatter', complaintId: null, ...(opts.before ? { createdAt: { lt: opts.before } } : {}) },
    orderBy: { createdAt: 'desc' },
    take: opts.limit,
    select: { id: true, channel: true, text: true, createdAt: true, reporterId: true, payload: true },
  });
  return rows.map(({ payload, ...row }) => {
    const normalised = (JSON.parse(payload) as { normalised?: Partial<IncomingMessage> }).normalised;
    return { ...row, senderName: normalised?.sender?.displayName ?? null, public: normalised?.public === true };
  });
}

/** Opens a complaint from a chatter message and queues the acknowledgement; refuses anything else. */
export async function promoteChatter(ctx: AppContext, messageId: string, actor: string) {
  const result = await ctx.db.$transaction(async (tx) => {
    const row = await tx.message.findUnique({ where: { id: messageId } });
    if (!row || row.disposition === null) throw new NotFoundError('Pesan tidak ditemukan dalam daftar obrolan.');
    if (row.disposition !== 'chatter' || row.complaintId || !row.reporterId) {
      throw new ConflictError('stale', 'Pesan ini sudah dijadikan laporan.');
    }
    const msg = {
      ...(JSON.parse(row.payload) as { normalised: IncomingMessage }).normalised,
      receivedAt: row.createdAt,
    };
    const now = ctx.now();
    const text = truncateText(row.text ?? '', MAX_TEXT_CHARS);
    const trackingId = await uniqueTrackingId(tx, ctx, now);
    const reporter = await tx.reporter.findUniqueOrThrow({ where: { id: row.reporterId } });
    const complaint = await tx.complaint.create({
      data: {
        trackingId,
        reporterId: reporter.id,
        channel: row.channel,
        replyAddress: msg.replyAddress,
        text,
        privacy: reporter.privacy,
        lastMessageAt: now,
        createdAt: now,
        verifyDueAt: addWorkingDays(now, ctx.sla.verifyWorkingDays, ctx.sla.calendar),
        ...classificationFields(ctx, text),
        ...locationFields(msg),
      },
    });
    await tx.statusEvent.create({
      data: { complaintId: complaint.id, actor, action: 'receive', fromStatus: '', toStatus: 'received' },
    });
    await addAttachments(tx, complaint.id, row.id, msg);
    await recordWebhookEvent(tx, 'complaint.created', complaintEventData(complaint), now);
    // Claimed on the condition read above: of two concurrent clicks (PostgreSQL runs both), the second waits for
    // the first's row lock, then finds nothing to claim and rolls its complaint back.
    const claimed = await tx.message.updateMany({
      where: { id: row.id, disposition: 'chatter', complaintId: null },
      data: { complaintId: complaint.id, disposition: 'promoted' },
    });
    if (claimed.count !== 1) throw new ConflictError('stale', 'Pesan ini sudah dijadikan laporan.');
    await enqueue(tx, {
      dedupeKey: `ack:${complaint.id}`,
      address: msg.replyAddress,
      complaintId: complaint.id,
      kind: 'ack',
      text: acknowledgement({ trackingId, cityName: ctx.city.name, clocks: ctx.sla, previousTrackingId: null }),
    });
    return { complaintId: complaint.id, trackingId };
  });
  ctx.onOutboxWrite();
  return result;
}
