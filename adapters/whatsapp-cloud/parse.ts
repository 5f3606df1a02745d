// WhatsApp Cloud API webhook -> IncomingMessage[] and delivery statuses. Pure: tested on captured fixtures.
// https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import {
  messagesValueSchema,
  type WaMessage,
  type WaMessagesValue,
  type WaStatus,
  webhookEnvelopeSchema,
} from './types.js';

/** A delivery receipt for a message we sent, normalised. */
export interface DeliveryStatus {
  /** The wamid our send returned. */
  messageId: string;
  status: string;
  recipientId: string;
  timestamp: Date;
  errors: { code: number; title?: string; message?: string }[];
}

/** The result of validating a webhook body: the `messages` change values, or why it was refused. */
export type DecodedWebhook = { ok: true; values: WaMessagesValue[] } | { ok: false; error: string };

/**
 * Message types that are events, not something a citizen wrote: a reaction emoji on our reply, "user changed
 * number". Answering them with "we only accept text" would be noise, so they produce no IncomingMessage.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#reaction-messages
 */
const EVENT_TYPES: ReadonlySet<string> = new Set(['reaction', 'system']);

/** Parses and validates a raw webhook body; only `messages` changes are returned, other fields are skipped. */
export function decodeWebhook(rawBody: Buffer): DecodedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (err) {
    return { ok: false, error: `body is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const envelope = webhookEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: describeIssues(envelope.error.issues) };
  const values: WaMessagesValue[] = [];
  for (const [e, entry] of envelope.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const value = messagesValueSchema.safeParse(change.value);
      if (!value.success) {
        const where = ['entry', e, 'changes', c, 'value'];
        return { ok: false, error: describeIssues(value.error.issues, where) };
      }
      values.push(value.data);
    }
  }
  return { ok: true, values };
}

/** Normalises every citizen message of one change value (one IncomingMessage each; events and our own skipped). */
export function parseMessages(value: WaMessagesValue): IncomingMessage[] {
  const business = digits(value.metadata.display_phone_number);
  const out: IncomingMessage[] = [];
  for (const message of value.messages ?? []) {
    // Loop guard: a message from the business number itself is never a report.
    if (digits(message.from) === business) continue;
    if (EVENT_TYPES.has(message.type)) continue;
    out.push(parseMessage(value, message));
  }
  return out;
}

/** Normalises the delivery receipts of one change value. */
export function parseStatuses(value: WaMessagesValue): DeliveryStatus[] {
  return (value.statuses ?? []).map((s: WaStatus) => ({
    messageId: s.id,
    status: s.status,
    recipientId: s.recipient_id,
    timestamp: fromUnixSeconds(s.timestamp),
    errors: (s.errors ?? []).map(({ code, title, message }) => ({ code, title, message })),
  }));
}

function parseMessage(value: WaMessagesValue, m: WaMessage): IncomingMessage {
  const contact = value.contacts?.find((c) => c.wa_id === m.from) ?? value.contacts?.[0];
  const base = {
    channel: 'whatsapp' as const,
    // The wamid is stable across Meta's redeliveries (retried for up to 7 days): the dedupe key.
    externalId: m.id,
    sender: { externalId: m.from, displayName: contact?.profile?.name || undefined, phone: `+${m.from}` },
    // Reply to the wa_id, which can differ from the dialled number (Brazil's 9th digit), so never rebuild it.
    replyAddress: formatAddress('whatsapp', m.from),
    receivedAt: fromUnixSeconds(m.timestamp),
    // Just this message with its metadata and contact: a value-shaped object that parses back to the same
    // message, kept whole (context of a reply, sha256 of media, unknown fields) for audit and reprocessing.
    raw: { metadata: value.metadata, contacts: contact ? [contact] : [], messages: [m] },
  };
  const attachments: IncomingAttachment[] = [];
  if (m.type === 'text' && m.text) return { ...base, kind: 'text', text: m.text.body, attachments };
  if (m.type === 'image' && m.image) {
    attachments.push({ kind: 'photo', platformFileId: m.image.id, mimeType: m.image.mime_type });
    return { ...base, kind: 'photo', text: m.image.caption ?? '', attachments };
  }
  if (m.type === 'document' && m.document) {
    attachments.push({ kind: 'document', platformFileId: m.document.id, mimeType: m.document.mime_type });
    return { ...base, kind: 'photo', text: m.document.caption ?? '', attachments };
  }
  if (m.type === 'location' && m.location) {
    const { latitude, longitude } = m.location;
    return { ...base, kind: 'location', text: '', attachments, location: { latitude, longitude } };
  }
  if (m.type === 'contacts') return { ...base, kind: 'contact', text: '', attachments };
  // Stickers, voice notes, videos, Meta's own "unsupported" type...: kept, answered politely.
  return { ...base, kind: 'unsupported', text: '', attachments };
}

function describeIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: readonly PropertyKey[] = [],
): string {
  const lines = issues
    .slice(0, 5)
    .map((i) => `${[...prefix, ...i.path].map(String).join('.') || '(root)'}: ${i.message}`);
  return `payload does not match the WhatsApp webhook schema: ${lines.join('; ')}`;
}

const digits = (s: string) => s.replace(/\D/g, '');
const fromUnixSeconds = (s: string) => new Date(Number(s) * 1000);
