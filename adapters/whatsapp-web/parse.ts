// whatsapp-web.js Message -> IncomingMessage. Pure: tested on fixtures shaped like the library's Message.
import { createHash } from 'node:crypto';
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { WaMessageLike } from './types.js';

/** One-to-one chats only: phone-number ids (`@c.us`) and WhatsApp's newer linked ids (`@lid`). */
const PERSONAL_CHAT = /^[0-9]+@(c\.us|lid)$/;

/** True for a one-to-one chat id we may answer; groups, statuses and channels are never ours to write to. */
export function isPersonalChatId(wid: string): boolean {
  return PERSONAL_CHAT.test(wid);
}

/**
 * System entries WA Web also emits as `message` (security-code changes, revoked messages, call logs, not yet
 * decrypted "ciphertext"…). They are not something the citizen wrote, so answering "unsupported" would be noise.
 */
const SYSTEM_TYPES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'broadcast_notification',
  'protocol',
  'ciphertext',
  'revoked',
  'call_log',
  'reaction',
  'debug',
]);

/** Types whose `body` is what the citizen wrote (for media, the library puts the caption there). */
const TEXT_BODY_TYPES = new Set(['chat', 'image', 'document', 'video', 'vcard']);

const GROUP_CHAT = /^[0-9-]+@g\.us$/;

/**
 * Normalises one message; null for our own messages, statuses and channels (not a conversation with the city).
 * A group message is kept as a group message: recorded, never answered (the policy is the intake's), since
 * the library gives no reliable sign that the bot was addressed. System entries become system events.
 */
export function parseWaMessage(msg: WaMessageLike): IncomingMessage | null {
  // Loop guard: the adapter listens to `message`, not `message_create`, but check anyway.
  if (msg.fromMe || msg.id.fromMe) return null;
  const group = GROUP_CHAT.test(msg.from);
  // "status@broadcast", newsletters, broadcast lists: not a citizen writing to the city.
  if (!group && (!isPersonalChatId(msg.from) || msg.author)) return null;
  if (group && (!msg.author || !isPersonalChatId(msg.author))) return null;

  const wid = group ? (msg.author as string) : msg.from;
  const base = baseOf(msg, wid, group);
  const attachments: IncomingAttachment[] = [];
  if (msg.type === 'revoked') {
    // The stub of a message deleted for everyone keeps the original's id.
    const event = { type: 'delete' as const, target: msg.id._serialized };
    return { ...base, externalId: `revoke:${msg.id._serialized}`, kind: 'delete', text: '', attachments, event };
  }
  if (SYSTEM_TYPES.has(msg.type)) {
    return { ...base, kind: 'system', text: '', attachments, event: { type: 'system', description: msg.type } };
  }
  return parseContent(msg, base, wid);
}

/** What every message from `wid` carries, whatever its type. */
function baseOf(msg: WaMessageLike, wid: string, group: boolean) {
  const notifyName = msg._data?.notifyName?.trim();
  return {
    channel: 'whatsapp' as const,
    // id._serialized ("false_628…@c.us_3EB0…") is stable across redeliveries: the dedupe key.
    externalId: msg.id._serialized,
    platformMessageId: msg.id._serialized,
    sender: { externalId: wid, displayName: notifyName || undefined, phone: phoneFromWid(wid) },
    replyAddress: formatAddress('whatsapp', wid),
    receivedAt: new Date(msg.timestamp * 1000),
    raw: rawSnapshot(msg),
    ...(group ? { conversation: { type: 'group' as const, id: msg.from, addressed: false } } : {}),
  };
}

/** What the citizen wrote: text, a photo or document, a location, a contact card, or something we do not read. */
function parseContent(msg: WaMessageLike, base: ReturnType<typeof baseOf>, wid: string): IncomingMessage {
  const attachments: IncomingAttachment[] = [];
  switch (msg.type) {
    case 'chat':
      return { ...base, kind: 'text', text: msg.body ?? '', attachments };
    case 'image':
    case 'document': {
      attachments.push({
        kind: msg.type === 'image' ? 'photo' : 'document',
        // The message id is what `download` looks up to call downloadMedia().
        platformFileId: msg.id._serialized,
        mimeType: msg._data?.mimetype,
        sizeBytes: msg._data?.size,
      });
      return { ...base, kind: 'photo', text: msg.body ?? '', attachments };
    }
    case 'location': {
      const latitude = Number(msg.location?.latitude);
      const longitude = Number(msg.location?.longitude);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) break;
      const text = msg.location?.description || [msg.location?.name, msg.location?.address].filter(Boolean).join('\n');
      return { ...base, kind: 'location', text, attachments, location: { latitude, longitude } };
    }
    case 'vcard':
    case 'multi_vcard': {
      const card = parseVCard(msg.vCards?.[0] ?? (msg.type === 'vcard' ? msg.body : ''));
      // Only the citizen's own card tells us their number (their `waid`); another person's card is content.
      const own = card.waid !== undefined && card.waid === widDigits(wid);
      return {
        ...base,
        sender: { ...base.sender, phone: own ? card.phone : base.sender.phone },
        kind: 'contact',
        text: own ? '' : ['Kontak:', card.name, card.phone].filter(Boolean).join(' '),
        attachments,
      };
    }
  }
  // Stickers, voice notes (ptt), audio, video, polls…: kept, answered politely.
  return { ...base, kind: 'unsupported', text: '', attachments };
}

/** An edit the library reported (message_edit): the new text of the message with the same id. */
export function parseWaEdit(msg: WaMessageLike, newBody: string): IncomingMessage | null {
  const original = parseWaMessage({ ...msg, type: 'chat', body: newBody });
  if (!original) return null;
  const target = msg.id._serialized;
  // One edit of one message at one time: WA Web may report the same edit twice.
  const externalId = `edit:${target}:${createHash('sha256').update(newBody).digest('hex').slice(0, 16)}`;
  return { ...original, externalId, platformMessageId: undefined, kind: 'edit', event: { type: 'edit', target } };
}

/** A deletion for everyone the library reported (message_revoke_everyone). */
export function parseWaRevoke(after: WaMessageLike, before?: WaMessageLike | null): IncomingMessage | null {
  return parseWaMessage({ ...(before ?? after), id: after.id, type: 'revoked' });
}

/** "+6281234567890" for a phone-number wid; undefined for a linked id (`@lid` digits are not a number). */
export function phoneFromWid(wid: string): string | undefined {
  return wid.endsWith('@c.us') ? `+${widDigits(wid)}` : undefined;
}

function widDigits(wid: string): string {
  return (wid.split('@')[0] ?? '').split(':')[0]?.replace(/\D/g, '') ?? '';
}

/** Name and first phone of a vCard; `waid` is WhatsApp's own id parameter on the TEL line. */
export function parseVCard(vcard: string): { name?: string; phone?: string; waid?: string } {
  // Unfold continuation lines (RFC 6350 §3.2) before reading properties.
  const lines = vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let name: string | undefined;
  let phone: string | undefined;
  let waid: string | undefined;
  for (const line of lines) {
    const fn = /^(?:[\w-]+\.)?FN(?:;[^:]*)?:(.*)$/i.exec(line);
    if (fn && !name) name = fn[1]?.trim() || undefined;
    const tel = /^(?:[\w-]+\.)?TEL([^:]*):(.*)$/i.exec(line);
    if (tel && !phone) {
      waid = /waid=(\d+)/i.exec(tel[1] ?? '')?.[1];
      const value = (tel[2] ?? '').trim();
      const digits = value.replace(/\D/g, '');
      if (waid) phone = `+${waid}`;
      else if (digits) phone = value.startsWith('+') ? `+${digits}` : digits;
    }
  }
  return { name, phone, waid };
}

/**
 * A JSON-safe copy of what we read. The library's Message holds a reference to the Client (and so to the
 * browser): it cannot be stored as is, and `_data.body` of an image is a base64 thumbnail we do not want.
 */
function rawSnapshot(msg: WaMessageLike) {
  const d = msg._data ?? {};
  const participant = d.quotedParticipant;
  return {
    id: msg.id,
    from: msg.from,
    to: msg.to,
    type: msg.type,
    // For locations and stickers `body` is a base64 thumbnail, not words: keep only real text and captions.
    body: TEXT_BODY_TYPES.has(msg.type) ? msg.body : undefined,
    timestamp: msg.timestamp,
    hasMedia: msg.hasMedia,
    notifyName: d.notifyName,
    media: msg.hasMedia ? { mimetype: d.mimetype, size: d.size, filename: d.filename } : undefined,
    location: msg.location
      ? {
          latitude: msg.location.latitude,
          longitude: msg.location.longitude,
          name: msg.location.name,
          address: msg.location.address,
        }
      : undefined,
    vCards: msg.vCards?.length ? msg.vCards : undefined,
    quoted: msg.hasQuotedMsg
      ? {
          stanzaId: d.quotedStanzaID,
          participant: typeof participant === 'object' ? participant._serialized : participant,
        }
      : undefined,
  };
}
