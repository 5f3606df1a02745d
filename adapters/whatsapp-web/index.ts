// WhatsApp channel through whatsapp-web.js (an unofficial client driving WhatsApp Web in Chromium). WA Web
// never redelivers a message we failed to store, so the sink is retried a few times per message, and messages
// of one chat are handed over in the order WhatsApp emitted them (inbound.ts). The supervisor owns the
// connection.
import type { ChannelAdapter, DownloadedFile, IncomingMessage, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { createWhatsAppWebClient } from './client.js';
import { mapWhatsAppWebError } from './errors.js';
import { drain, enqueue, type InboundQueue } from './inbound.js';
import { downloadWaMedia, remember } from './media.js';
import { pace, type SendPacer } from './pace.js';
import { mountWhatsAppWebPages, whatsAppWebHealth } from './pages.js';
import { isPersonalChatId, parseWaEdit, parseWaMessage, parseWaRevoke } from './parse.js';
import { createWaSupervisor, type ReconnectPolicy, type WaConnectionStatus, type WaSupervisor } from './supervisor.js';
import { type WaClientPort, type WaMessageLike, WHATSAPP_WEB_DEFAULTS, type WhatsAppWebConfig } from './types.js';

export { renderWhatsAppStatusHtml } from './status-page.js';
export type { WaConnectionState, WaConnectionStatus } from './supervisor.js';
export type { WhatsAppWebConfig } from './types.js';

/** What the adapter needs besides config; tests inject a fake client through `createClient`. */
export interface WhatsAppWebAdapterDeps {
  logger: Logger;
  createClient?: () => WaClientPort | Promise<WaClientPort>;
  /** A human must act (logged out, banned, reconnecting too often). Defaults to logger.error. */
  onAlert?: (message: string) => void;
  printQr?: (qr: string) => void;
  reconnect?: Partial<ReconnectPolicy>;
}

/** The WhatsApp Web adapter: the channel contract plus what the admin status page needs. */
export interface WhatsAppWebAdapter extends ChannelAdapter {
  download(platformFileId: string, maxBytes: number): Promise<DownloadedFile>;
  /** Connection state, QR and alert for GET /admin/whatsapp. */
  status(): WaConnectionStatus;
  /** Throws the browser away and starts again (a fresh QR after a logout; recycling a bloated browser). */
  restart(): Promise<void>;
}

/** Creates the WhatsApp Web adapter. */
export function createWhatsAppWebAdapter(config: WhatsAppWebConfig, deps: WhatsAppWebAdapterDeps): WhatsAppWebAdapter {
  const settings = {
    ...config,
    minSendIntervalMs: config.minSendIntervalMs ?? WHATSAPP_WEB_DEFAULTS.minSendIntervalMs,
  };
  const { logger } = deps;
  const recent = new Map<string, WaMessageLike>();
  const queue: InboundQueue = { logger, sink: null, chains: new Map() };
  const pacer: SendPacer = { nextSendAt: 0, intervalMs: settings.minSendIntervalMs };
  const supervisor = createWaSupervisor({
    createClient: deps.createClient ?? (() => createWhatsAppWebClient(settings)),
    logger,
    onAlert: deps.onAlert,
    printQr: deps.printQr,
    reconnect: deps.reconnect,
    onMessage: (raw) => receive(queue, recent, raw),
    onEdit: (raw, newBody) => enqueueParsed(queue, parseWaEdit(raw, newBody)),
    onRevoke: (after, before) => enqueueParsed(queue, parseWaRevoke(after, before)),
  });

  return {
    name: 'whatsapp',
    async start(s) {
      queue.sink = s;
      await supervisor.start();
    },
    async stop() {
      await supervisor.stop();
      // Let messages already received reach the database before it closes.
      await drain(queue);
      queue.sink = null;
    },
    send: (address, text) => send(supervisor, pacer, address, text),
    download: (platformFileId, maxBytes) =>
      downloadWaMedia(recent, () => supervisor.readyClient(), platformFileId, maxBytes),
    status: () => supervisor.status(),
    restart: () => supervisor.restart(),
    health: () => whatsAppWebHealth(supervisor.status()),
    routes: (http) => mountWhatsAppWebPages(http, supervisor, logger),
  };
}

/** A new message: parsed, its media remembered for download(), and queued for the sink. */
function receive(queue: InboundQueue, recent: Map<string, WaMessageLike>, raw: WaMessageLike): void {
  let message: IncomingMessage | null;
  try {
    message = parseWaMessage(raw);
  } catch (err) {
    queue.logger.error({ err, id: raw.id?._serialized }, 'whatsapp message could not be parsed');
    return;
  }
  if (!message) return;
  if (raw.hasMedia) remember(recent, raw);
  enqueue(queue, message);
}

function enqueueParsed(queue: InboundQueue, message: IncomingMessage | null): void {
  if (message) enqueue(queue, message);
}

async function send(supervisor: WaSupervisor, pacer: SendPacer, address: string, text: string): Promise<SendReceipt> {
  const { channel, id } = parseAddress(address);
  if (channel !== 'whatsapp') throw new ChannelSendError(`not a whatsapp address: ${address}`, 'permanent');
  if (!isPersonalChatId(id)) throw new ChannelSendError(`not a WhatsApp chat id: ${id}`, 'permanent');
  const client = supervisor.readyClient();
  if (!client) throw new ChannelSendError('WhatsApp belum terhubung', 'transient');
  await pace(pacer);
  let sent: Awaited<ReturnType<WaClientPort['sendMessage']>>;
  try {
    // No link preview: WA Web would fetch every URL (the tracking page) from this server's browser first.
    sent = await client.sendMessage(id, text, { linkPreview: false });
  } catch (err) {
    throw mapWhatsAppWebError(err);
  }
  // The library returns undefined when WA Web found no chat to send to.
  if (!sent?.id?._serialized) throw new ChannelSendError('WhatsApp Web returned no message for the send', 'transient');
  return { platformMessageId: sent.id._serialized };
}
