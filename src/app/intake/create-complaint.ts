// The last intake step: a new complaint with its tracking ID, SLA clock, classification, files, the "call 112"
// advice when it may be an emergency, and the acknowledgement. What the complaint holds and which replies it
// gets are decided here once, for this step and for the fast path (./fast-path.ts).
import type { IncomingMessage } from '../../channels/contract.js';
import type { Classification } from '../../classifier/types.js';
import { OPEN_STATUSES, type Status } from '../../domain/process.js';
import { truncateText } from '../../domain/text-hygiene.js';
import { acknowledgement, emergencyAdvice } from '../../domain/texts.js';
import { addWorkingDays } from '../../domain/working-days.js';
import { enqueue, type OutboxItem } from '../../outbox/enqueue.js';
import { complaintEventData, recordWebhookEvent } from '../../webhooks/events.js';
import {
  addAttachments,
  classificationFields,
  locationFields,
  MAX_TEXT_CHARS,
  needsEmergencyAdvice,
  uniqueTrackingId,
} from '../complaint-fields.js';
import type { AppContext } from '../context.js';
import { type ComplaintRef, classification, type IntakeState, latestComplaint } from './state.js';

export interface NewComplaintInput {
  reporterId: string;
  reporterPrivacy: string;
  msg: IncomingMessage;
  text: string;
  now: Date;
  c: Classification;
}

/** The new complaint's columns, tracking ID aside. */
export function newComplaintColumns(ctx: AppContext, i: NewComplaintInput) {
  return {
    reporterId: i.reporterId,
    channel: i.msg.channel,
    replyAddress: i.msg.replyAddress,
    text: truncateText(i.text, MAX_TEXT_CHARS),
    privacy: i.msg.privacy ?? i.reporterPrivacy,
    lastMessageAt: i.now,
    createdAt: i.now,
    verifyDueAt: addWorkingDays(i.now, ctx.sla.verifyWorkingDays, ctx.sla.calendar),
    ...classificationFields(ctx, i.text, i.c),
    ...locationFields(i.msg),
  };
}

/** The replies a new complaint gets: the 112 advice first when it may be an emergency, then the acknowledgement. */
export function newComplaintReplies(
  ctx: AppContext,
  made: { id: string; trackingId: string },
  i: NewComplaintInput,
  previous: { status: string; trackingId: string } | null,
): OutboxItem[] {
  const address = i.msg.replyAddress;
  const replies: OutboxItem[] = [];
  if (needsEmergencyAdvice(i.c)) {
    replies.push({
      dedupeKey: `emergency:${made.id}`,
      address,
      complaintId: made.id,
      kind: 'emergency',
      text: emergencyAdvice(),
      notBefore: new Date(i.now.getTime() - 1_000),
    });
  }
  const text = acknowledgement({
    trackingId: made.trackingId,
    cityName: ctx.city.name,
    clocks: ctx.sla,
    // Tell the reporter why this is a new complaint and not their earlier one.
    previousTrackingId: previous && !OPEN_STATUSES.includes(previous.status as Status) ? previous.trackingId : null,
  });
  replies.push({ dedupeKey: `ack:${made.id}`, address, complaintId: made.id, kind: 'ack', text });
  return replies;
}

export async function createComplaint(s: IntakeState): Promise<ComplaintRef> {
  const { tx, ctx, msg, now } = s;
  const input = {
    reporterId: s.reporter.id,
    reporterPrivacy: s.reporter.privacy,
    msg,
    text: s.text,
    now,
    c: classification(s),
  };
  const trackingId = await uniqueTrackingId(tx, ctx, now);
  const complaint = await tx.complaint.create({ data: { trackingId, ...newComplaintColumns(ctx, input) } });
  await tx.statusEvent.create({
    data: { complaintId: complaint.id, actor: 'system', action: 'receive', fromStatus: '', toStatus: 'received' },
  });
  await addAttachments(tx, complaint.id, s.messageId, msg);
  await recordWebhookEvent(tx, 'complaint.created', complaintEventData(complaint), now);
  for (const item of newComplaintReplies(ctx, complaint, input, await latestComplaint(s))) await enqueue(tx, item);
  return complaint;
}
