// The last intake step: a new complaint with its tracking ID, SLA clock, classification, files, the "call 112"
// advice when it may be an emergency, and the acknowledgement.
import { OPEN_STATUSES, type Status } from '../../domain/process.js';
import { truncateText } from '../../domain/text-hygiene.js';
import { acknowledgement, emergencyAdvice } from '../../domain/texts.js';
import { addWorkingDays } from '../../domain/working-days.js';
import { enqueue } from '../../outbox/enqueue.js';
import { complaintEventData, recordWebhookEvent } from '../../webhooks/events.js';
import {
  addAttachments,
  classificationFields,
  locationFields,
  MAX_TEXT_CHARS,
  needsEmergencyAdvice,
  uniqueTrackingId,
} from '../complaint-fields.js';
import { type ComplaintRef, classification, type IntakeState, latestComplaint } from './state.js';

export async function createComplaint(s: IntakeState): Promise<ComplaintRef> {
  const { tx, ctx, msg, now } = s;
  const c = classification(s);
  const trackingId = await uniqueTrackingId(tx, ctx, now);
  const complaint = await tx.complaint.create({
    data: {
      trackingId,
      reporterId: s.reporter.id,
      channel: msg.channel,
      replyAddress: msg.replyAddress,
      text: truncateText(s.text, MAX_TEXT_CHARS),
      privacy: msg.privacy ?? s.reporter.privacy,
      lastMessageAt: now,
      createdAt: now,
      verifyDueAt: addWorkingDays(now, ctx.sla.verifyWorkingDays, ctx.sla.calendar),
      ...classificationFields(ctx, s.text, c),
      ...locationFields(msg),
    },
  });
  await tx.statusEvent.create({
    data: { complaintId: complaint.id, actor: 'system', action: 'receive', fromStatus: '', toStatus: 'received' },
  });
  await addAttachments(tx, complaint.id, s.messageId, msg);
  await recordWebhookEvent(tx, 'complaint.created', complaintEventData(complaint), now);
  if (needsEmergencyAdvice(c)) {
    await enqueue(tx, {
      dedupeKey: `emergency:${complaint.id}`,
      address: msg.replyAddress,
      complaintId: complaint.id,
      kind: 'emergency',
      text: emergencyAdvice(),
      notBefore: new Date(now.getTime() - 1_000),
    });
  }
  const latest = await latestComplaint(s);
  await enqueue(tx, {
    dedupeKey: `ack:${complaint.id}`,
    address: msg.replyAddress,
    complaintId: complaint.id,
    kind: 'ack',
    text: acknowledgement({
      trackingId,
      cityName: ctx.city.name,
      clocks: ctx.sla,
      // Tell the reporter why this is a new complaint and not their earlier one.
      previousTrackingId: latest && !OPEN_STATUSES.includes(latest.status as Status) ? latest.trackingId : null,
    }),
  });
  return complaint;
}
