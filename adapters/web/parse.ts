// Web form submission -> IncomingMessage. Pure.
import type { IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { WebSubmission } from './types.js';

/** Each submission is its own reporter identity: the submission id doubles as the reply address token. */
export function parseWebSubmission(s: WebSubmission, receivedAt: Date): IncomingMessage {
  const hasLocation = s.latitude !== undefined && s.longitude !== undefined;
  return {
    channel: 'web',
    externalId: s.submissionId,
    sender: {
      externalId: s.submissionId,
      displayName: s.name?.trim() || undefined,
      phone: s.contact?.trim() || undefined,
    },
    replyAddress: formatAddress('web', s.submissionId),
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
