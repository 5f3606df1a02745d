// WhatsApp channel through Meta's WhatsApp Business Cloud API: inbound by webhook (mounted by the HTTP layer
// at /webhooks/whatsapp), outbound through the Graph API. The alternative whatsapp-web.js adapter uses the
// same channel name; a deployment runs one of the two.
// https://developers.facebook.com/docs/whatsapp/cloud-api
import type { ChannelAdapter, DownloadedFile, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { OutsideWindowError } from './errors.js';
import { createGraphClient, type FetchLike, type GraphClient, tooLarge } from './graph.js';
import { BSUID_PATTERN, type WhatsAppCloudConfig } from './types.js';
import { receive, verifySubscription, type WebhookState } from './webhook.js';

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

/** What sending needs besides what the webhook reads. */
interface CloudState extends WebhookState {
  lastInbound: WhatsAppCloudDeps['lastInbound'];
  now: () => Date;
  graph: GraphClient;
}

/** Creates the WhatsApp Cloud API adapter. */
export function createWhatsAppCloudAdapter(config: WhatsAppCloudConfig, deps: WhatsAppCloudDeps): WhatsAppCloudAdapter {
  const { logger } = deps;
  const w: CloudState = {
    config,
    logger,
    lastInbound: (address) => deps.lastInbound(address),
    now: deps.now ?? (() => new Date()),
    graph: createGraphClient(config, deps.fetch ?? ((input, init) => fetch(input, init))),
    sink: null,
  };
  return {
    name: 'whatsapp',
    async start(s) {
      w.sink = s;
      logger.info({ phoneNumberId: config.phoneNumberId }, 'whatsapp cloud api webhook ready at /webhooks/whatsapp');
    },
    async stop() {
      w.sink = null;
    },
    async webhook(req) {
      return req.method === 'GET' ? verifySubscription(w, req) : receive(w, req);
    },
    send: (address, text) => send(w, address, text),
    download: (mediaId, maxBytes) => download(w.graph, mediaId, maxBytes),
  };
}

async function send(w: CloudState, address: string, text: string): Promise<SendReceipt> {
  const { channel, id } = parseAddress(address);
  if (channel !== 'whatsapp') throw new ChannelSendError(`not a whatsapp address: ${address}`, 'permanent');
  const to = recipientOf(id);
  if (!to) throw new ChannelSendError(`not a WhatsApp id: ${address}`, 'permanent');
  if (await windowOpen(w, address)) {
    const message = { ...to, type: 'text', text: { body: text.slice(0, MAX_TEXT), preview_url: false } };
    try {
      return { platformMessageId: await w.graph.sendMessage(message) };
    } catch (err) {
      // Our clock and Meta's disagree about the window: the template is the one thing that still goes.
      if (!(err instanceof OutsideWindowError)) throw err;
      w.logger.info({ to: id }, 'whatsapp 24-hour window closed (131047); sending the template instead');
    }
  }
  return { platformMessageId: await w.graph.sendMessage(templateMessage(w.config, to, text)) };
}

async function download(graph: GraphClient, mediaId: string, maxBytes: number): Promise<DownloadedFile> {
  // The URL expires after 5 minutes, so it is looked up right before each download, never stored.
  // https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#download-media
  const info = await graph.mediaInfo(mediaId);
  if (info.fileSize !== undefined && info.fileSize > maxBytes) throw tooLarge(info.fileSize, maxBytes);
  const file = await graph.downloadUrl(info.url, maxBytes);
  return { bytes: file.bytes, mimeType: info.mimeType ?? file.contentType ?? 'application/octet-stream' };
}

async function windowOpen(w: CloudState, address: string): Promise<boolean> {
  const last = await w.lastInbound(address);
  if (!last) return false;
  return w.now().getTime() - last.getTime() < CUSTOMER_SERVICE_WINDOW_MS - WINDOW_MARGIN_MS;
}

/** The approved template carrying the text as its one body parameter ("Pembaruan laporan Anda: {{1}}"). */
function templateMessage(config: WhatsAppCloudConfig, to: Recipient, text: string) {
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
