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
import type { StateStore } from '../../src/channels/state-store.js';
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

/** Status order, so an out-of-order receipt (Meta does not guarantee order) never downgrades "read" to "sent". */
const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/** What the adapter needs from the product; the StateStore keeps the window and delivery statuses. */
export interface WhatsAppCloudDeps {
  logger: Logger;
  /** Namespaced for this adapter (keys `lastInbound:<wa_id>`, `status:<wamid>`). */
  state: StateStore;
  now?: () => Date;
  fetch?: FetchLike;
}

/** The adapter, with the optional contract members it always has. */
export type WhatsAppCloudAdapter = ChannelAdapter & Required<Pick<ChannelAdapter, 'webhook' | 'download'>>;

/** Creates the WhatsApp Cloud API adapter. */
export function createWhatsAppCloudAdapter(config: WhatsAppCloudConfig, deps: WhatsAppCloudDeps): WhatsAppCloudAdapter {
  const { logger, state } = deps;
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
          if (message.event?.type === 'status') await recordStatus(message);
          // Before the sink: the sink's processing may already send the reply, which needs the window.
          else await recordInbound(message);
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

  /**
   * Remembers the user's latest message time, under each id we may send to (wa_id and BSUID). The message's own
   * timestamp, not ours: Meta redelivers for up to 7 days, and an old message arriving late does not reopen it.
   */
  async function recordInbound(message: IncomingMessage): Promise<void> {
    const ids = new Set([parseAddress(message.replyAddress).id, message.sender.externalId]);
    for (const id of ids) {
      const key = `lastInbound:${id}`;
      const previous = Number((await state.get(key)) ?? 0);
      if (message.receivedAt.getTime() > previous) await state.set(key, String(message.receivedAt.getTime()));
    }
  }

  /** Keeps the latest status per wamid in the StateStore too (a quick look-up for operators). */
  async function recordStatus(message: IncomingMessage): Promise<void> {
    if (message.event?.type !== 'status') return;
    const { target, status, failure } = message.event;
    const key = `status:${target}`;
    const previous = await state.get(key);
    const previousRank = previous ? (STATUS_RANK[readStatus(previous)] ?? 0) : -1;
    if ((STATUS_RANK[status] ?? 0) >= previousRank) {
      const record = { status, at: message.receivedAt.toISOString(), recipientId: message.sender.externalId, failure };
      await state.set(key, JSON.stringify(record));
    }
    if (failure) logger.warn({ wamid: target, failure }, 'whatsapp message not delivered');
  }

  async function windowOpen(waId: string): Promise<boolean> {
    const last = Number((await state.get(`lastInbound:${waId}`)) ?? Number.NaN);
    if (!Number.isFinite(last)) return false;
    return now().getTime() - last < CUSTOMER_SERVICE_WINDOW_MS - WINDOW_MARGIN_MS;
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
      if (await windowOpen(id)) {
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

function readStatus(stored: string): string {
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === 'object' && parsed !== null && 'status' in parsed ? String(parsed.status) : '';
  } catch {
    return '';
  }
}
