// WhatsApp Cloud API webhook -> IncomingMessage[] (messages, edits, deletions, reactions, system messages and
// delivery statuses). Pure: tested on captured fixtures and on the payload corpus.
// Validation is per item: an entry, change, message or status the schema does not know is returned as
// `malformed` (kept raw by the HTTP layer) and the rest of the batch is still processed, because Meta retries
// the whole POST for up to 7 days when it is refused.
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import { classifyDeliveryError } from './errors.js';
import {
  contactSchema,
  messageSchema,
  messagesValueSchema,
  statusSchema,
  type WaContact,
  type WaMessage,
  type WaMessagesValue,
  type WaStatus,
  webhookEnvelopeSchema,
} from './types.js';

/** A part of a batch that could not be understood, with why. */
export interface MalformedPart {
  raw: unknown;
  error: string;
}

/** One `messages` change: the business number it is for, and what it carried, normalised. */
export interface DecodedValue {
  phoneNumberId: string;
  messages: IncomingMessage[];
}

/** A readable envelope (with its good and bad parts), or why the body as a whole cannot be read. */
export type DecodedWebhook =
  | { ok: true; values: DecodedValue[]; malformed: MalformedPart[] }
  | { ok: false; error: string };

type Metadata = WaMessagesValue['metadata'];

/** Parses a raw webhook body. Only `messages` changes are read; other subscribed fields are skipped. */
export function decodeWebhook(rawBody: Buffer): DecodedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (err) {
    return { ok: false, error: `body is not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const envelope = webhookEnvelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: describeIssues(envelope.error.issues) };
  const values: DecodedValue[] = [];
  const malformed: MalformedPart[] = [];
  for (const [e, entry] of envelope.data.entry.entries()) {
    if (!isRecord(entry) || !Array.isArray(entry.changes)) {
      malformed.push({ raw: entry, error: `entry.${e}: not an entry with a changes array` });
      continue;
    }
    for (const [c, change] of entry.changes.entries()) {
      if (!isRecord(change) || change.field !== 'messages') continue;
      const value = messagesValueSchema.safeParse(change.value);
      if (!value.success) {
        malformed.push({ raw: change, error: describeIssues(value.error.issues, ['entry', e, 'changes', c, 'value']) });
        continue;
      }
      values.push(decodeValue(value.data, malformed));
    }
  }
  return { ok: true, values, malformed };
}

function decodeValue(value: WaMessagesValue, malformed: MalformedPart[]): DecodedValue {
  const contacts = (value.contacts ?? []).flatMap((c) => {
    const parsed = contactSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
  const messages: IncomingMessage[] = [];
  for (const raw of value.messages ?? []) {
    const m = messageSchema.safeParse(raw);
    if (!m.success) {
      malformed.push({ raw, error: describeIssues(m.error.issues, ['message']) });
      continue;
    }
    const parsed = parseMessage(value.metadata, contacts, m.data);
    if (parsed) messages.push(parsed);
  }
  for (const raw of value.statuses ?? []) {
    const s = statusSchema.safeParse(raw);
    if (!s.success) {
      malformed.push({ raw, error: describeIssues(s.error.issues, ['status']) });
      continue;
    }
    const parsed = parseStatus(value.metadata, s.data);
    if (parsed) messages.push(parsed);
  }
  return { phoneNumberId: value.metadata.phone_number_id, messages };
}

/** Who wrote: the BSUID keys the identity when present (it survives a hidden number); the number links people. */
function senderOf(m: WaMessage, contacts: WaContact[]) {
  const contact =
    contacts.find((c) => (m.from && c.wa_id === m.from) || (m.from_user_id && c.user_id === m.from_user_id)) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const phoneDigits = m.from && /^\d{5,20}$/.test(m.from) ? m.from : contact?.wa_id;
  const userId = m.from_user_id ?? contact?.user_id;
  const id = userId ?? phoneDigits ?? m.from ?? '';
  const username = contact?.profile?.username;
  const displayName = contact?.profile?.name || (username ? `@${username}` : undefined);
  return {
    sender: { externalId: id, displayName, phone: phoneDigits ? `+${phoneDigits}` : undefined },
    // Reply to the wa_id when we have it (it can differ from the dialled number, Brazil's 9th digit), else the BSUID.
    replyTo: phoneDigits ?? id,
    contact,
  };
}

function parseMessage(metadata: Metadata, contacts: WaContact[], m: WaMessage): IncomingMessage | null {
  // Loop guard: a message from the business number itself is never a report.
  if (m.from && digits(m.from) === digits(metadata.display_phone_number)) return null;
  const { sender, replyTo, contact } = senderOf(m, contacts);
  const base = {
    channel: 'whatsapp' as const,
    // The wamid is stable across Meta's redeliveries (retried for up to 7 days): the dedupe key.
    externalId: m.id,
    platformMessageId: m.id,
    sender,
    replyAddress: formatAddress('whatsapp', replyTo),
    receivedAt: fromUnixSeconds(m.timestamp),
    // Just this message with its metadata and contact: a value-shaped object that parses back to the same
    // message, kept whole (context of a reply, sha256 of media, unknown fields) for audit and reprocessing.
    raw: { metadata, contacts: contact ? [contact] : [], messages: [m] },
    attachments: [] as IncomingAttachment[],
  };
  if (m.type === 'edit' && m.edit) {
    const content = m.edit.message ? contentOf({ ...m.edit.message, type: editedType(m.edit.message) }) : null;
    return {
      ...base,
      ...(content ?? { text: '' }),
      kind: 'edit',
      event: { type: 'edit', target: m.edit.original_message_id },
    };
  }
  if (m.type === 'revoke' && m.revoke) {
    return { ...base, kind: 'delete', text: '', event: { type: 'delete', target: m.revoke.original_message_id } };
  }
  if (m.type === 'reaction' && m.reaction) {
    const emoji = m.reaction.emoji ?? '';
    return {
      ...base,
      kind: 'reaction',
      text: emoji,
      event: { type: 'reaction', target: m.reaction.message_id, emoji },
    };
  }
  if (m.type === 'system') {
    const description = m.system?.body ?? m.system?.type ?? 'system message';
    return { ...base, kind: 'system', text: description, event: { type: 'system', description } };
  }
  const content = contentOf(m);
  // Stickers, voice notes, videos, Meta's own "unsupported" type...: kept, answered politely.
  return { ...base, ...(content ?? { kind: 'unsupported' as const, text: '' }) };
}

type Content = Pick<IncomingMessage, 'kind' | 'text' | 'attachments' | 'location'>;

function contentOf(m: Pick<WaMessage, 'type' | 'text' | 'image' | 'document' | 'location'>): Content | null {
  if (m.type === 'text' && m.text) return { kind: 'text', text: m.text.body, attachments: [] };
  if (m.type === 'image' && m.image) {
    const photo = { kind: 'photo' as const, platformFileId: m.image.id, mimeType: m.image.mime_type };
    return { kind: 'photo', text: m.image.caption ?? '', attachments: [photo] };
  }
  if (m.type === 'document' && m.document) {
    const doc = { kind: 'document' as const, platformFileId: m.document.id, mimeType: m.document.mime_type };
    return { kind: 'photo', text: m.document.caption ?? '', attachments: [doc] };
  }
  if (m.type === 'location' && m.location) {
    const { latitude, longitude } = m.location;
    return { kind: 'location', text: '', attachments: [], location: { latitude, longitude } };
  }
  if (m.type === 'contacts') return { kind: 'contact', text: '', attachments: [] };
  return null;
}

/** The edited message carries no `type` of its own in every sample: infer it from the body present. */
function editedType(m: { type?: unknown; text?: unknown; image?: unknown; document?: unknown }): string {
  if (typeof m.type === 'string') return m.type;
  return m.text ? 'text' : m.image ? 'image' : m.document ? 'document' : 'unknown';
}

/** A delivery receipt becomes a `status` event about the wamid our send returned. */
function parseStatus(metadata: Metadata, s: WaStatus): IncomingMessage | null {
  const recipient = s.recipient_id ?? s.recipient_user_id;
  if (!recipient) return null;
  const error = s.errors?.[0];
  const reason = error
    ? `${error.code} ${error.title ?? error.message ?? ''}${error.error_data?.details ? `: ${error.error_data.details}` : ''}`.trim()
    : undefined;
  const failure =
    s.status === 'failed' ? { kind: classifyDeliveryError(error?.code), reason: reason ?? 'failed' } : undefined;
  return {
    channel: 'whatsapp',
    // One row per status change of one message: Meta's redelivery of the same receipt is a duplicate.
    externalId: `status:${s.id}:${s.status}`,
    sender: { externalId: recipient },
    replyAddress: formatAddress('whatsapp', recipient),
    kind: 'status',
    text: reason ?? s.status,
    attachments: [],
    event: { type: 'status', target: s.id, status: s.status, ...(failure ? { failure } : {}) },
    receivedAt: fromUnixSeconds(s.timestamp),
    raw: { metadata, statuses: [s] },
  };
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const digits = (s: string) => s.replace(/\D/g, '');
const fromUnixSeconds = (s: string) => new Date(Number(s) * 1000);
