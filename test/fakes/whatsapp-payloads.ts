/**
 * Builders for WhatsApp Cloud API webhook payloads exactly as Meta sends them
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples), and the
 * X-Hub-Signature-256 signer, so tests can POST realistic, correctly signed deliveries to the app.
 * Pure: no server here; the fake Graph API in whatsapp-cloud.ts binds these to its phone number.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The business phone number a webhook is addressed to. */
export interface WaMetadata {
  display_phone_number: string;
  phone_number_id: string;
}

/** Inbound message fields shared by every type; `type` selects which of the optional bodies is present. */
export interface WaInboundMessage {
  from: string;
  id: string;
  timestamp: string;
  type: 'text' | 'image' | 'location' | 'sticker';
  text?: { body: string };
  image?: { id: string; mime_type: string; sha256: string; caption?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  sticker?: { id: string; mime_type: string; sha256: string; animated: boolean };
  /** Present when the user replied to a message: `from` is the business number, `id` the quoted wamid. */
  context?: { from: string; id: string };
}

/** A delivery receipt for a message the business sent. */
export interface WaStatus {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  timestamp: string;
  recipient_id: string;
  conversation?: { id: string; origin: { type: string } };
  pricing?: { billable: boolean; pricing_model: string; category: string };
  errors?: { code: number; title: string; message: string; error_data: { details: string } }[];
}

/** The whole POST body Meta delivers to the app's webhook. */
export interface WaWebhook {
  object: 'whatsapp_business_account';
  entry: {
    id: string;
    changes: {
      field: 'messages';
      value: {
        messaging_product: 'whatsapp';
        metadata: WaMetadata;
        contacts?: { profile: { name: string }; wa_id: string }[];
        messages?: WaInboundMessage[];
        statuses?: WaStatus[];
      };
    }[];
  }[];
}

/** Options every inbound builder accepts. `replyTo` (a wamid the business sent) adds `context`. */
export interface InboundBase {
  from: string;
  name?: string;
  id?: string;
  timestamp?: number;
  replyTo?: string;
}

/** Error details Meta attaches to 131047 ("Re-engagement message"): the 24-hour customer service window. */
export const REENGAGEMENT_ERROR = {
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  error_data: {
    details:
      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
};

/** A wamid-looking id ("wamid." + base64), unique per call. */
export function newWamid(waId: string): string {
  return `wamid.${Buffer.from(`\u0015${waId}\u0015${randomBytes(10).toString('hex').toUpperCase()}`).toString('base64')}`;
}

/** "sha256=<hex HMAC-SHA256(appSecret, rawBody)>", the X-Hub-Signature-256 header value. */
export function signWebhook(appSecret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Fake media hash: Meta sends a base64 SHA-256 of the file in inbound media objects. */
export const mediaSha256 = (mediaId: string): string => createHash('sha256').update(mediaId).digest('base64');

/** Builders bound to one business number (and WABA id for entry[].id). */
export function createWebhookBuilders(metadata: WaMetadata, wabaId: string) {
  const envelope = (
    value: Omit<WaWebhook['entry'][number]['changes'][number]['value'], 'messaging_product' | 'metadata'>,
  ): WaWebhook => ({
    object: 'whatsapp_business_account',
    entry: [
      { id: wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata, ...value } }] },
    ],
  });

  function inbound(
    base: InboundBase,
    body: Omit<WaInboundMessage, 'from' | 'id' | 'timestamp' | 'context'>,
  ): WaWebhook {
    const message: WaInboundMessage = {
      from: base.from,
      id: base.id ?? newWamid(base.from),
      timestamp: String(base.timestamp ?? Math.floor(Date.now() / 1000)),
      ...body,
    };
    if (base.replyTo) message.context = { from: metadata.display_phone_number, id: base.replyTo };
    return envelope({ contacts: [{ profile: { name: base.name ?? 'Warga' }, wa_id: base.from }], messages: [message] });
  }

  return {
    textWebhook: (base: InboundBase & { body: string }) => inbound(base, { type: 'text', text: { body: base.body } }),
    imageWebhook(base: InboundBase & { mediaId: string; caption?: string; mimeType?: string }) {
      const image = { id: base.mediaId, mime_type: base.mimeType ?? 'image/jpeg', sha256: mediaSha256(base.mediaId) };
      return inbound(base, {
        type: 'image',
        image: base.caption === undefined ? image : { ...image, caption: base.caption },
      });
    },
    locationWebhook(base: InboundBase & { latitude: number; longitude: number; placeName?: string; address?: string }) {
      const location: WaInboundMessage['location'] = { latitude: base.latitude, longitude: base.longitude };
      if (base.placeName !== undefined) location.name = base.placeName;
      if (base.address !== undefined) location.address = base.address;
      return inbound(base, { type: 'location', location });
    },
    stickerWebhook(base: InboundBase & { mediaId?: string; animated?: boolean }) {
      const id = base.mediaId ?? `${Date.now()}${Math.floor(Math.random() * 1000)}`;
      const sticker = { id, mime_type: 'image/webp', sha256: mediaSha256(id), animated: base.animated ?? false };
      return inbound(base, { type: 'sticker', sticker });
    },
    /** A delivery receipt; a "failed" one carries `errors` (default: 131047, the closed 24-hour window). */
    statusWebhook(args: {
      id: string;
      status: WaStatus['status'];
      recipientId: string;
      timestamp?: number;
      errors?: WaStatus['errors'];
    }) {
      const status: WaStatus = {
        id: args.id,
        status: args.status,
        timestamp: String(args.timestamp ?? Math.floor(Date.now() / 1000)),
        recipient_id: args.recipientId,
      };
      if (args.status === 'failed') status.errors = args.errors ?? [REENGAGEMENT_ERROR];
      if (args.status === 'sent' || args.status === 'delivered') {
        status.conversation = {
          id: createHash('md5').update(args.recipientId).digest('hex'),
          origin: { type: 'service' },
        };
        status.pricing = { billable: true, pricing_model: 'CBP', category: 'service' };
      }
      return envelope({ statuses: [status] });
    },
  };
}

/** The builder set returned by createWebhookBuilders(). */
export type WebhookBuilders = ReturnType<typeof createWebhookBuilders>;
