// Web form submission or private-page action -> IncomingMessage. Pure.
import type { IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { WebFollowUp, WebSubmission, WebUpload } from '../../src/channels/web-door.js';

/**
 * A submission is filed under the identity `reporterKey` (the hash of its private link's secret), so everything
 * done later through that link reaches the same reporter. The typed contact is only contact data.
 */
export function parseWebSubmission(s: WebSubmission, receivedAt: Date, reporterKey: string): IncomingMessage {
  const hasLocation = s.latitude !== undefined && s.longitude !== undefined;
  return {
    channel: 'web',
    externalId: s.submissionId,
    sender: { externalId: reporterKey, displayName: s.name?.trim() || undefined },
    contact: s.contact?.trim() || undefined,
    replyAddress: formatAddress('web', reporterKey),
    kind: 'text',
    text: s.text,
    attachments: [],
    location: hasLocation ? { latitude: s.latitude as number, longitude: s.longitude as number } : undefined,
    privacy: s.privacy,
    explicit: true,
    receivedAt,
    raw: s,
  };
}

/** A private-page action on complaint `trackingId`, from the reporter behind `reporterKey`. */
export function parseWebFollowUp(
  f: WebFollowUp,
  trackingId: string,
  reporterKey: string,
  uploads: WebUpload[],
  receivedAt: Date,
): IncomingMessage {
  return {
    channel: 'web',
    // Scoped by the reporter, so nobody else's random action key can collide with (and swallow) this one.
    externalId: `f:${reporterKey.slice(0, 16)}:${f.actionId}`,
    sender: { externalId: reporterKey },
    replyAddress: formatAddress('web', reporterKey),
    kind: uploads.length && !f.text.trim() ? 'photo' : 'text',
    text: f.text,
    attachments: uploads.map((u) => ({
      kind: u.mimeType === 'application/pdf' ? 'document' : 'photo',
      platformFileId: u.fileId,
      mimeType: u.mimeType,
      sizeBytes: u.sizeBytes,
    })),
    explicit: true,
    followUp: { trackingId, action: f.action, rating: f.rating },
    receivedAt,
    raw: { ...f, trackingId, uploads },
  };
}
