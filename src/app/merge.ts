// Merging a duplicate into a case (its reporter keeps getting the case's updates) and splitting a wrongly
// grouped message out into a complaint of its own (a new tracking ID, and the reporter is told).
import type { Tx } from '../db/client.js';
import { DESK_TEXTS } from '../domain/texts.js';
import { newTrackingId } from '../domain/tracking-id.js';
import { addWorkingDays } from '../domain/working-days.js';
import type { Complaint, Message } from '../generated/sqlite/client.js';
import { enqueue } from '../outbox/enqueue.js';
import { notificationAddress } from './case-recipients.js';
import { classificationFields } from './complaint-fields.js';
import type { AppContext } from './context.js';
import { complaintNotFound, DeskError } from './desk-errors.js';

/** Merges `trackingId` into the case `into` (or into that case's own case). */
export async function mergeComplaint(ctx: AppContext, req: { trackingId: string; into: string; actor: string }) {
  const result = await ctx.db.$transaction(async (tx) => {
    const dup = await tx.complaint.findUnique({ where: { trackingId: req.trackingId }, include: { reporter: true } });
    if (!dup) throw complaintNotFound(req.trackingId);
    let target = await tx.complaint.findUnique({ where: { trackingId: req.into } });
    if (target?.mergedIntoId) target = await tx.complaint.findUnique({ where: { id: target.mergedIntoId } });
    if (!target) throw complaintNotFound(req.into);
    if (target.id === dup.id)
      throw new DeskError(409, 'invalid_merge', 'Laporan tidak dapat digabungkan ke dirinya sendiri.');
    if (dup.mergedIntoId === target.id) return { trackingId: dup.trackingId, mergedInto: target.trackingId };
    const now = ctx.now();
    const follow = {
      mergedIntoId: target.id,
      status: target.status,
      assignedAgency: target.assignedAgency,
      needsReview: false,
      // Merging is the office's decision on this report: its verification clock stops.
      verifiedAt: dup.verifiedAt ?? now,
    };
    await tx.complaint.update({ where: { id: dup.id }, data: follow });
    // Complaints merged into the duplicate follow it to the case: cases are one level deep.
    await tx.complaint.updateMany({ where: { mergedIntoId: dup.id }, data: follow });
    await tx.statusEvent.create({
      data: {
        complaintId: dup.id,
        actor: req.actor,
        action: 'merge',
        fromStatus: dup.status,
        toStatus: target.status,
        agencyCode: target.assignedAgency,
        note: `Digabungkan ke ${target.trackingId}`,
        createdAt: now,
      },
    });
    if (!dup.reporter.blocked) {
      await enqueue(tx, {
        dedupeKey: `merge:${dup.id}:${target.id}`,
        address: await notificationAddress(tx, dup),
        complaintId: dup.id,
        kind: 'merged',
        text: DESK_TEXTS.merged(dup.trackingId, target.trackingId),
      });
    }
    return { trackingId: dup.trackingId, mergedInto: target.trackingId };
  });
  ctx.onOutboxWrite();
  return result;
}

async function uniqueTrackingId(tx: Tx, ctx: AppContext, now: Date): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const id = newTrackingId(ctx.city.code, now, ctx.city.timeZone, 4 + Math.floor(i / 5));
    if (!(await tx.complaint.findUnique({ where: { trackingId: id }, select: { id: true } }))) return id;
  }
  throw new Error('could not find a free tracking id');
}

type SplitRequest = { trackingId: string; messageId: string; actor: string };

/** The complaint and its inbound message to split out; a complaint's only message cannot be split out. */
async function splittable(tx: Tx, req: SplitRequest): Promise<{ c: Complaint; m: Message }> {
  const c = await tx.complaint.findUnique({ where: { trackingId: req.trackingId } });
  if (!c) throw complaintNotFound(req.trackingId);
  const m = await tx.message.findFirst({ where: { id: req.messageId, complaintId: c.id, direction: 'inbound' } });
  if (!m) throw new DeskError(404, 'not_found', 'Pesan tersebut tidak ada pada laporan ini.');
  const others = await tx.message.count({ where: { complaintId: c.id, direction: 'inbound', id: { not: m.id } } });
  if (others === 0)
    throw new DeskError(409, 'invalid_split', 'Laporan ini hanya berisi satu pesan; tidak ada yang dipisahkan.');
  return { c, m };
}

/** The new complaint made of message `m`, answered on the channel that message came from. */
async function createSplitComplaint(tx: Tx, ctx: AppContext, c: Complaint, m: Message, now: Date) {
  const reporterId = m.reporterId ?? c.reporterId;
  const identity = await tx.channelIdentity.findFirst({ where: { reporterId, channel: m.channel } });
  const text = (m.text ?? '').trim();
  const trackingId = await uniqueTrackingId(tx, ctx, now);
  const created = await tx.complaint.create({
    data: {
      trackingId,
      reporterId,
      channel: m.channel,
      replyAddress: identity?.address ?? c.replyAddress,
      text,
      privacy: c.privacy,
      lastMessageAt: m.createdAt,
      createdAt: now,
      verifyDueAt: addWorkingDays(now, ctx.sla.verifyWorkingDays, ctx.sla.calendar),
      ...classificationFields(ctx, text),
    },
  });
  return { created, text, trackingId };
}

/** The timeline of both complaints says where the message went, and the reporter gets the new tracking ID. */
async function recordSplit(tx: Tx, c: Complaint, created: Complaint, actor: string, now: Date) {
  const note = { actor, action: 'split', createdAt: now };
  await tx.statusEvent.createMany({
    data: [
      {
        ...note,
        complaintId: created.id,
        fromStatus: '',
        toStatus: 'received',
        note: `Dipisahkan dari ${c.trackingId}`,
      },
      {
        ...note,
        complaintId: c.id,
        fromStatus: c.status,
        toStatus: c.status,
        note: `Pesan dipisahkan ke ${created.trackingId}`,
      },
    ],
  });
  await enqueue(tx, {
    dedupeKey: `split:${created.id}`,
    address: created.replyAddress,
    complaintId: created.id,
    kind: 'split',
    text: DESK_TEXTS.split(c.trackingId, created.trackingId),
  });
}

/** Moves one inbound message (and its files) out of a complaint into a new complaint. */
export async function splitMessage(ctx: AppContext, req: SplitRequest) {
  const result = await ctx.db.$transaction(async (tx) => {
    const { c, m } = await splittable(tx, req);
    const now = ctx.now();
    const { created, text, trackingId } = await createSplitComplaint(tx, ctx, c, m, now);
    await tx.message.update({ where: { id: m.id }, data: { complaintId: created.id } });
    await tx.attachment.updateMany({ where: { messageId: m.id }, data: { complaintId: created.id } });
    const rest = text
      ? c.text
          .split('\n')
          .filter((line) => line.trim() !== text)
          .join('\n')
      : c.text;
    if (rest.trim()) await tx.complaint.update({ where: { id: c.id }, data: { text: rest } });
    await recordSplit(tx, c, created, req.actor, now);
    return { trackingId };
  });
  ctx.onOutboxWrite();
  return result;
}
