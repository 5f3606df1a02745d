// Raw WhatsApp Business Cloud API webhook payload types, as zod schemas: the webhook is external input, so it
// is validated before anything reads it. Objects are loose (unknown keys kept) because Meta adds fields over
// time and `raw` must keep everything for audit.
// https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
import { z } from 'zod';

/** A media object of an inbound image, document, sticker, audio or video message. */
export const mediaSchema = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

/** One inbound message; `type` says which of the optional bodies is present. */
export const messageSchema = z.looseObject({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/, 'must be unix seconds'),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  /** Present when the user replied to a message: `id` is the quoted wamid. */
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
});
export type WaMessage = z.infer<typeof messageSchema>;

/** A delivery receipt for a message we sent (sent, delivered, read, failed). */
export const statusSchema = z.looseObject({
  id: z.string().min(1),
  // A string, not an enum: a new status value from Meta must not turn every delivery into a 400.
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/, 'must be unix seconds'),
  recipient_id: z.string(),
  errors: z
    .array(z.looseObject({ code: z.number(), title: z.string().optional(), message: z.string().optional() }))
    .optional(),
});
export type WaStatus = z.infer<typeof statusSchema>;

/** The sender's profile, matched to messages by wa_id. */
export const contactSchema = z.looseObject({
  wa_id: z.string(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

/** `entry[].changes[].value` of a `messages` change. */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
});
export type WaMessagesValue = z.infer<typeof messagesValueSchema>;

/**
 * The POST body. `value` stays unknown here: only `messages` changes are ours to read, and an app subscribed
 * to other fields (template status, account updates) must not answer those with a 400 that Meta retries.
 */
export const webhookEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

/** Settings for the WhatsApp Cloud API adapter, resolved by src/config. */
export interface WhatsAppCloudConfig {
  /** Graph API origin; https://graph.facebook.com in production, a local fake in tests. */
  graphBaseUrl: string;
  /** Graph API version path segment, e.g. "v21.0". */
  apiVersion: string;
  /** The business number's id (not the phone number itself): WhatsApp Manager > API Setup. */
  phoneNumberId: string;
  /** A permanent System User token with whatsapp_business_messaging permission. */
  accessToken: string;
  /** The Meta app's secret: X-Hub-Signature-256 is an HMAC under it. */
  appSecret: string;
  /** Any string we choose; Meta echoes it in the subscription handshake. */
  verifyToken: string;
  /** Approved template with one body parameter, used outside the 24-hour window. */
  templateName: string;
  /** The template's language code, e.g. "id". */
  templateLanguage: string;
}

/** Defaults for the optional settings. */
export const WHATSAPP_CLOUD_DEFAULTS = {
  graphBaseUrl: 'https://graph.facebook.com',
  apiVersion: 'v21.0',
  templateLanguage: 'id',
} as const;
