// What intake writes onto a complaint from a message: classification, location, attachments, and whether
// the reporter must first be told to call 112.
import type { IncomingMessage } from '../channels/contract.js';
import type { Classification } from '../classifier/types.js';
import type { Tx } from '../db/client.js';
import { newTrackingId } from '../domain/tracking-id.js';
import type { AppContext } from './context.js';

/** Longest text kept on a complaint (UTF-16 units, cut on a grapheme); the raw payload always keeps everything. */
export const MAX_TEXT_CHARS = 10_000;

/** Probability of "emergency" among the alternatives from which the reporter is told to call 112 anyway. */
export const EMERGENCY_ADVICE_MIN = 0.1;

/**
 * Whether to send the "call 112 now" advice. A missed emergency costs far more than a needless reminder, so
 * the advice also goes when an emergency is only the runner-up (on the held-out split: 17 of 20 emergencies
 * advised instead of 14, at the price of 8 reminders among 620 other messages).
 */
export function needsEmergencyAdvice(c: Classification): boolean {
  return (
    c.agency === 'DARURAT' || c.alternatives.some((a) => a.agency === 'DARURAT' && a.confidence >= EMERGENCY_ADVICE_MIN)
  );
}

/** The classifier's suggestion as complaint columns, with its full output kept as JSON. */
export function classificationFields(ctx: AppContext, text: string, c = ctx.classifier.classify(text)) {
  return {
    suggestedAgency: c.agency,
    suggestionConfidence: c.confidence,
    needsReview: c.needsReview,
    jurisdiction: c.jurisdiction,
    classification: JSON.stringify(c),
  };
}

/** A shared location as complaint columns (nothing when the message has none). */
export function locationFields(msg: IncomingMessage) {
  return msg.location ? { latitude: msg.location.latitude, longitude: msg.location.longitude } : {};
}

/** Records the message's files on the complaint; the attachment job downloads them later. */
export async function addAttachments(tx: Tx, complaintId: string, messageId: string, msg: IncomingMessage) {
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

/** A tracking ID no complaint has yet; after a few collisions on a busy day the random part grows. */
export async function uniqueTrackingId(tx: Tx, ctx: AppContext, now: Date): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const id = newTrackingId(ctx.city.code, now, ctx.city.timeZone, 4 + Math.floor(i / 5));
    if (!(await tx.complaint.findUnique({ where: { trackingId: id }, select: { id: true } }))) return id;
  }
  throw new Error('could not find a free tracking id');
}
