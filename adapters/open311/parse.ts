// Open311 POST Service Request -> IncomingMessage. Pure.
import type { IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { Open311Request } from '../../src/channels/open311-door.js';

/**
 * A request is filed under an identity of its own (`externalId`): the standard has no reporter accounts, and
 * the e-mail or phone the other system typed is contact data for the admins, never a link between reports.
 * The address, when given, is part of the text so the desk, the classifier and duplicate suggestions read it.
 */
export function parseOpen311Request(r: Open311Request, externalId: string, receivedAt: Date): IncomingMessage {
  const name = [r.first_name, r.last_name].filter(Boolean).join(' ');
  const contact = [r.email, r.phone].filter(Boolean).join(', ');
  const where = [r.address_string && `Alamat: ${r.address_string}`, r.address_id && `ID alamat: ${r.address_id}`];
  const text = [r.description, ...where.filter(Boolean)].join('\n');
  const hasLocation = r.lat !== undefined && r.long !== undefined;
  return {
    channel: 'open311',
    externalId,
    sender: { externalId, displayName: name || undefined },
    contact: contact || undefined,
    replyAddress: formatAddress('open311', externalId),
    kind: 'text',
    text,
    attachments: [],
    location: hasLocation ? { latitude: r.lat as number, longitude: r.long as number } : undefined,
    explicit: true,
    receivedAt,
    // The validated request as the other system sent it (service_code and media_url are read back from here).
    raw: r,
  };
}
