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

/**
 * A business-scoped user id (BSUID): "ID.1502576394655843", or "US.ENT.118…" for a parent BSUID. Meta sends it
 * as `from_user_id` / `user_id` / `recipient_user_id`, and instead of the phone number for users who set a
 * username. https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
export const BSUID_PATTERN = /^[A-Z]{2}(?:\.ENT)?\.[A-Za-z0-9]{1,128}$/;

/** The body of a text, media or location message (also nested inside an `edit`). */
const contentShape = {
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
};

/**
 * One inbound message; `type` says which of the optional bodies is present. The sender is `from` (a phone
 * number, withheld for some users with a username) and/or `from_user_id` (the BSUID); one of them is required.
 */
export const messageSchema = z
  .looseObject({
    from: z.string().min(1).optional(),
    from_user_id: z.string().min(1).optional(),
    id: z.string().min(1),
    timestamp: z.string().regex(/^\d+$/, 'must be unix seconds'),
    type: z.string(),
    ...contentShape,
    /** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/edit */
    edit: z
      .looseObject({ original_message_id: z.string().min(1), message: z.looseObject(contentShape).optional() })
      .optional(),
    /** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/revoke */
    revoke: z.looseObject({ original_message_id: z.string().min(1) }).optional(),
    /** An emoji on a message; an empty or missing emoji removes the reaction. */
    reaction: z.looseObject({ message_id: z.string().min(1), emoji: z.string().optional() }).optional(),
    /** user_changed_number / user_changed_user_id: no contacts array comes with these. */
    system: z.looseObject({ body: z.string().optional(), type: z.string().optional() }).optional(),
  })
  .refine((m) => m.from !== undefined || m.from_user_id !== undefined, 'from or from_user_id is required');
export type WaMessage = z.infer<typeof messageSchema>;

/** A delivery receipt for a message we sent (sent, delivered, read, failed). */
export const statusSchema = z.looseObject({
  id: z.string().min(1),
  // A string, not an enum: a new status value from Meta must not turn every delivery into a 400.
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/, 'must be unix seconds'),
  /** Omitted for a message sent to a BSUID when the phone number is withheld; then recipient_user_id is set. */
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.number(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});
export type WaStatus = z.infer<typeof statusSchema>;

/** The sender's profile, matched to messages by wa_id or user_id (either may be missing). */
export const contactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
export type WaContact = z.infer<typeof contactSchema>;

/**
 * `entry[].changes[].value` of a `messages` change. Messages and statuses stay unknown here and are validated
 * one by one, so one item the schema does not know cannot reject the others in the batch.
 */
export const messagesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ display_phone_number: z.string(), phone_number_id: z.string() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type WaMessagesValue = z.infer<typeof messagesValueSchema>;

/**
 * The POST body. `value` stays unknown here: only `messages` changes are ours to read, and an app subscribed
 * to other fields (template status, account updates) must not answer those with a 400 that Meta retries.
 */
export const webhookEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  // Entries are checked one by one in parse.ts: a bad entry is kept raw, the others are processed.
  entry: z.array(z.unknown()),
});

/** Resolved by src/config, which owns the shape so that it never imports an adapter. */
export type { WhatsAppCloudConfig } from '../../src/config/channel-settings.js';

/** Defaults for the optional settings. */
export const WHATSAPP_CLOUD_DEFAULTS = {
  graphBaseUrl: 'https://graph.facebook.com',
  apiVersion: 'v21.0',
  templateLanguage: 'id',
} as const;
