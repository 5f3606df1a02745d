// WhatsApp channel through Meta's WhatsApp Business Cloud API: inbound by webhook (mounted by the HTTP layer
// at /webhooks/whatsapp), outbound through the Graph API. The alternative whatsapp-web.js adapter uses the
// same channel name; a deployment runs one of the two.
// https://developers.facebook.com/docs/whatsapp/cloud-api
import type {
  ChannelAdapter,
  DownloadedFile,
  InboundSink,
  IncomingMessage,
  SendReceipt,
  WebhookRequest,
  WebhookResponse,
} from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { OutsideWindowError } from './errors.js';
import { createGraphClient, type FetchLike, tooLarge } from './graph.js';
import { decodeWebhook } from './parse.js';
import { constantTimeEqual, verifySignature } from './signature.js';
import { BSUID_PATTERN, type WhatsAppCloudConfig } from './types.js';

export type { WhatsAppCloudConfig } from './types.js';
export { WHATSAPP_CLOUD_DEFAULTS } from './types.js';

/**
 * Free-form messages are allowed only within 24 h of the user's last message; after that only an approved
 * template. A few minutes of margin cover the outbox queue and clock skew: a template too early costs little,
 * a free-form message too late is refused. Only the 24 h rule is Meta's; the margin is ours.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows
 */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60_000;
const WINDOW_MARGIN_MS = 5 * 60_000;

/** Text messages are capped at 4096 characters (messages reference, text object). */
const MAX_TEXT = 4096;

/** The body is logged when a signed payload is refused; cap it so a huge body cannot flood the log. */
const MAX_LOGGED_BODY = 2000;

/**
 * What the adapter needs from the product. The 24-hour window is read from what intake recorded about the
 * sender (ChannelIdentity.lastInboundAt, the platform's own time of their latest message), and delivery
 * receipts move the Outbox row on (src/outbox/delivery-status.ts): the adapter keeps no state of its own.
 */
export interface WhatsAppCloudDeps {
  logger: Logger;
  /** When the user behind a reply address last wrote to us; null when never. */
  lastInbound(address: string): Promise<Date | null>;
  now?: () => Date;
  fetch?: FetchLike;
}

/** The adapter, with the optional contract members it always has. */
export type WhatsAppCloudAdapter = ChannelAdapter & Required<Pick<ChannelAdapter, 'webhook' | 'download'>>;

/** Creates the WhatsApp Cloud API adapter. */
export function createWhatsAppCloudAdapter(config: WhatsAppCloudConfig, deps: WhatsAppCloudDeps): WhatsAppCloudAdapter {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const graph = createGraphClient(config, deps.fetch ?? ((input, init) => fetch(input, init)));
  let sink: InboundSink | null = null;

  /** Meta's subscription handshake: echo hub.challenge when the verify token is ours. */
  function verifySubscription(req: WebhookRequest): WebhookResponse {
    // https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
    const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = req.query;
    if (mode !== 'subscribe' || token === undefined || !constantTimeEqual(token, config.verifyToken)) {
      logger.warn({ mode }, 'whatsapp webhook verification refused: wrong hub.verify_token or hub.mode');
      return { status: 403, body: { error: { code: 'forbidden', message: 'verification token mismatch' } } };
    }
    if (!challenge) return { status: 400, body: { error: { code: 'bad_request', message: 'hub.challenge missing' } } };
    return { status: 200, body: challenge };
  }

  async function receive(req: WebhookRequest): Promise<WebhookResponse> {
    if (!verifySignature(req.rawBody, header(req, 'x-hub-signature-256'), config.appSecret)) {
      logger.warn({ bytes: req.rawBody.length }, 'whatsapp webhook refused: X-Hub-Signature-256 missing or wrong');
      return { status: 401, body: { error: { code: 'bad_signature', message: 'X-Hub-Signature-256 does not match' } } };
    }
    const decoded = decodeWebhook(req.rawBody);
    if (!decoded.ok) {
      // Signed by Meta yet not even an envelope: refused with 400 (the webhook route also keeps the raw body as
      // a 'malformed' Message row for inspection).
      const body = req.rawBody.toString('utf8').slice(0, MAX_LOGGED_BODY);
      logger.error({ error: decoded.error, body }, 'whatsapp webhook payload refused');
      return { status: 400, body: { error: { code: 'bad_payload', message: decoded.error } } };
    }
    if (!sink)
      return { status: 503, body: { error: { code: 'not_started', message: 'whatsapp channel not started' } } };
    try {
      for (const value of decoded.values) {
        if (value.phoneNumberId !== config.phoneNumberId) {
          // One Meta app can serve several numbers; replies to these would come from the wrong one.
          logger.warn({ phoneNumberId: value.phoneNumberId }, 'whatsapp webhook for another number ignored');
          continue;
        }
        for (const message of value.messages) {
          warnIfUndelivered(message);
          await sink(message);
        }
      }
    } catch (err) {
      // Not stored: a 500 makes Meta deliver again, and the intake dedupes what did get stored.
      logger.error({ err }, 'whatsapp webhook could not be stored; Meta will retry');
      return { status: 500, body: { error: { code: 'internal', message: 'could not store the delivery' } } };
    }
    if (decoded.malformed.length > 0) {
      // Refusing the batch would make Meta retry the good parts for days: they are stored, the rest kept raw.
      logger.error({ parts: decoded.malformed.map((m) => m.error) }, 'whatsapp webhook parts not understood; kept raw');
    }
    return { status: 200, body: { ok: true }, malformed: decoded.malformed };
  }

  /** A failed receipt is worth a line in the log; the Outbox row records it for admins. */
  function warnIfUndelivered(message: IncomingMessage): void {
    if (message.event?.type === 'status' && message.event.failure) {
      logger.warn({ wamid: message.event.target, failure: message.event.failure }, 'whatsapp message not delivered');
    }
  }

  async function windowOpen(address: string): Promise<boolean> {
    const last = await deps.lastInbound(address);
    if (!last) return false;
    return now().getTime() - last.getTime() < CUSTOMER_SERVICE_WINDOW_MS - WINDOW_MARGIN_MS;
  }

  /** The approved template carrying the text as its one body parameter ("Pembaruan laporan Anda: {{1}}"). */
  function templateMessage(to: Recipient, text: string) {
    // https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates
    const parameters = [{ type: 'text', text: templateParameter(text) }];
    return {
      ...to,
      type: 'template',
      template: {
        name: config.templateName,
        language: { code: config.templateLanguage },
        components: [{ type: 'body', parameters }],
      },
    };
  }

  return {
    name: 'whatsapp',
    async start(s) {
      sink = s;
      logger.info({ phoneNumberId: config.phoneNumberId }, 'whatsapp cloud api webhook ready at /webhooks/whatsapp');
    },
    async stop() {
      sink = null;
    },
    async webhook(req) {
      return req.method === 'GET' ? verifySubscription(req) : receive(req);
    },
    async send(address: string, text: string): Promise<SendReceipt> {
      const { channel, id } = parseAddress(address);
      if (channel !== 'whatsapp') throw new ChannelSendError(`not a whatsapp address: ${address}`, 'permanent');
      const to = recipientOf(id);
      if (!to) throw new ChannelSendError(`not a WhatsApp id: ${address}`, 'permanent');
      if (await windowOpen(address)) {
        const message = { ...to, type: 'text', text: { body: text.slice(0, MAX_TEXT), preview_url: false } };
        try {
          return { platformMessageId: await graph.sendMessage(message) };
        } catch (err) {
          // Our clock and Meta's disagree about the window: the template is the one thing that still goes.
          if (!(err instanceof OutsideWindowError)) throw err;
          logger.info({ to: id }, 'whatsapp 24-hour window closed (131047); sending the template instead');
        }
      }
      return { platformMessageId: await graph.sendMessage(templateMessage(to, text)) };
    },
    async download(mediaId: string, maxBytes: number): Promise<DownloadedFile> {
      // The URL expires after 5 minutes, so it is looked up right before each download, never stored.
      // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
      const info = await graph.mediaInfo(mediaId);
      if (info.fileSize !== undefined && info.fileSize > maxBytes) throw tooLarge(info.fileSize, maxBytes);
      const file = await graph.downloadUrl(info.url, maxBytes);
      return { bytes: file.bytes, mimeType: info.mimeType ?? file.contentType ?? 'application/octet-stream' };
    },
  };
}

/**
 * Meta refuses a template parameter with a newline, a tab or more than 4 consecutive spaces (132018), and the
 * body is capped at 1024 characters: flatten whitespace and leave room for the template's own words.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
 */
export function templateParameter(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '-';
  return flat.length > 900 ? `${flat.slice(0, 899)}…` : flat;
}

type Recipient = { to: string } | { recipient: string };

/**
 * A phone number goes in `to`; a business-scoped user id (a user with a username and a hidden number) in
 * `recipient`. https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 */
function recipientOf(id: string): Recipient | null {
  if (/^\d{5,20}$/.test(id)) return { to: id };
  if (BSUID_PATTERN.test(id)) return { recipient: id };
  return null;
}

function header(req: WebhookRequest, name: string): string | undefined {
  const found = Object.entries(req.headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}
