// Telegram Update -> IncomingMessage. Pure: tested on captured fixtures.
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { Message, Update } from './types.js';

/** Normalises one update; returns null for updates that are not a citizen's message (edits, bots, groups' service messages). */
export function parseTelegramUpdate(update: Update): IncomingMessage | null {
  if (!('message' in update) || !update.message) return null;
  const m: Message = update.message;
  // Loop guard: never treat a bot's message (ours included) as a report.
  if (!m.from || m.from.is_bot) return null;
  const base = {
    channel: 'telegram' as const,
    // update_id exists "to ignore repeated updates" (Bot API docs): the dedupe key.
    externalId: String(update.update_id),
    sender: {
      externalId: String(m.from.id),
      displayName: [m.from.first_name, m.from.last_name].filter(Boolean).join(' ') || m.from.username,
    },
    replyAddress: formatAddress('telegram', String(m.chat.id)),
    receivedAt: new Date(m.date * 1000),
    raw: update,
  };
  const attachments: IncomingAttachment[] = [];
  if ('text' in m) return { ...base, kind: 'text', text: m.text, attachments };
  if ('photo' in m && m.photo.length > 0) {
    // Sizes run smallest to largest: keep the largest.
    const largest = m.photo[m.photo.length - 1];
    if (largest) {
      attachments.push({
        kind: 'photo',
        platformFileId: largest.file_id,
        mimeType: 'image/jpeg',
        sizeBytes: largest.file_size,
      });
    }
    return { ...base, kind: 'photo', text: m.caption ?? '', attachments };
  }
  if ('document' in m) {
    const d = m.document;
    attachments.push({ kind: 'document', platformFileId: d.file_id, mimeType: d.mime_type, sizeBytes: d.file_size });
    return { ...base, kind: 'photo', text: m.caption ?? '', attachments };
  }
  if ('location' in m) {
    const { latitude, longitude } = m.location;
    return { ...base, kind: 'location', text: '', attachments, location: { latitude, longitude } };
  }
  if ('contact' in m) {
    return {
      ...base,
      sender: { ...base.sender, phone: m.contact.user_id === m.from.id ? m.contact.phone_number : undefined },
      kind: 'contact',
      text: '',
      attachments,
    };
  }
  // Stickers, voice notes, videos, polls...: kept, answered politely.
  return { ...base, kind: 'unsupported', text: '', attachments };
}
