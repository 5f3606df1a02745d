// WhatsApp channel through whatsapp-web.js (an unofficial client driving WhatsApp Web in Chromium). WA Web
// never redelivers a message we failed to store, so the sink is retried a few times per message, and messages
// of one chat are handed over in the order WhatsApp emitted them. The supervisor owns the connection.
import type {
  ChannelAdapter,
  DownloadedFile,
  InboundSink,
  IncomingMessage,
  SendReceipt,
} from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { createWhatsAppWebClient } from './client.js';
import { mapWhatsAppWebError, WhatsAppDownloadError } from './errors.js';
import { mountWhatsAppWebPages, whatsAppWebHealth } from './pages.js';
import { isPersonalChatId, parseWaEdit, parseWaMessage, parseWaRevoke } from './parse.js';
import { createWaSupervisor, type ReconnectPolicy, type WaConnectionStatus } from './supervisor.js';
import { type WaClientPort, type WaMessageLike, WHATSAPP_WEB_DEFAULTS, type WhatsAppWebConfig } from './types.js';

export { renderWhatsAppStatusHtml } from './status-page.js';
export type { WaConnectionState, WaConnectionStatus } from './supervisor.js';
export type { WhatsAppWebConfig } from './types.js';

/** Media messages remembered for download(); older ones are fetched again with getMessageById. */
const RECENT_MEDIA = 500;
/** Pauses between attempts to store a message: 1 s, 2 s, 4 s ... up to a minute, for as long as it takes. */
const SINK_BACKOFF_MS = { first: 1_000, max: 60_000 };
/** Types the attachment job may store; no SVG (it can carry script), no executables. */
const ALLOWED_MIME = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

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
  const chains = new Map<string, Promise<void>>();
  let sink: InboundSink | null = null;
  let nextSendAt = 0;

  const supervisor = createWaSupervisor({
    createClient: deps.createClient ?? (() => createWhatsAppWebClient(settings)),
    logger,
    onAlert: deps.onAlert,
    printQr: deps.printQr,
    reconnect: deps.reconnect,
    onMessage(raw) {
      let message: IncomingMessage | null;
      try {
        message = parseWaMessage(raw);
      } catch (err) {
        logger.error({ err, id: raw.id?._serialized }, 'whatsapp message could not be parsed');
        return;
      }
      if (!message) return;
      if (raw.hasMedia) remember(raw);
      enqueue(message);
    },
    onEdit(raw, newBody) {
      const message = parseWaEdit(raw, newBody);
      if (message) enqueue(message);
    },
    onRevoke(after, before) {
      const message = parseWaRevoke(after, before);
      if (message) enqueue(message);
    },
  });

  function remember(raw: WaMessageLike) {
    recent.delete(raw.id._serialized);
    recent.set(raw.id._serialized, raw);
    const oldest = recent.keys().next();
    if (recent.size > RECENT_MEDIA && !oldest.done) recent.delete(oldest.value);
  }

  /** One chain per chat keeps a citizen's messages in order without making other chats wait. */
  function enqueue(message: IncomingMessage) {
    const key = message.sender.externalId;
    const next = (chains.get(key) ?? Promise.resolve()).then(() => deliver(message));
    chains.set(key, next);
    void next.finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  /**
   * Hands one message to the sink, retrying until it is stored: WhatsApp Web does not deliver a message event
   * twice, so giving up would lose it. The chat's later messages wait behind it, in order.
   */
  async function deliver(message: IncomingMessage): Promise<void> {
    let pause = SINK_BACKOFF_MS.first;
    for (let attempt = 1; ; attempt++) {
      try {
        if (!sink) throw new Error('whatsapp channel not started');
        await sink(message);
        return;
      } catch (err) {
        // The full normalised message is in the log line, so it can be replayed by hand if the process dies.
        const log = attempt >= 3 ? logger.error.bind(logger) : logger.warn.bind(logger);
        log({ err, attempt, message }, 'whatsapp message not stored yet; retrying');
        await sleep(pause);
        pause = Math.min(pause * 2, SINK_BACKOFF_MS.max);
      }
    }
  }

  /** Spaces sends out: WA Web has no rate-limit signal, and bursts are what get numbers banned (#1872). */
  async function pace() {
    const now = Date.now();
    const wait = nextSendAt - now;
    nextSendAt = Math.max(now, nextSendAt) + settings.minSendIntervalMs;
    if (wait > 0) await sleep(wait);
  }

  return {
    name: 'whatsapp',
    async start(s: InboundSink) {
      sink = s;
      await supervisor.start();
    },
    async stop() {
      await supervisor.stop();
      // Let messages already received reach the database before it closes.
      await Promise.allSettled([...chains.values()]);
      sink = null;
    },
    async send(address: string, text: string): Promise<SendReceipt> {
      const { channel, id } = parseAddress(address);
      if (channel !== 'whatsapp') throw new ChannelSendError(`not a whatsapp address: ${address}`, 'permanent');
      if (!isPersonalChatId(id)) throw new ChannelSendError(`not a WhatsApp chat id: ${id}`, 'permanent');
      const client = supervisor.readyClient();
      if (!client) throw new ChannelSendError('WhatsApp belum terhubung', 'transient');
      await pace();
      let sent: Awaited<ReturnType<WaClientPort['sendMessage']>>;
      try {
        // No link preview: WA Web would fetch every URL (the tracking page) from this server's browser first.
        sent = await client.sendMessage(id, text, { linkPreview: false });
      } catch (err) {
        throw mapWhatsAppWebError(err);
      }
      // The library returns undefined when WA Web found no chat to send to.
      if (!sent?.id?._serialized)
        throw new ChannelSendError('WhatsApp Web returned no message for the send', 'transient');
      return { platformMessageId: sent.id._serialized };
    },
    async download(platformFileId: string, maxBytes: number): Promise<DownloadedFile> {
      let message = recent.get(platformFileId);
      if (!message) {
        const client = supervisor.readyClient();
        if (!client) throw new WhatsAppDownloadError('WhatsApp belum terhubung', 'not_connected', true);
        message = (await client.getMessageById?.(platformFileId)) ?? undefined;
      }
      if (!message?.downloadMedia) {
        throw new WhatsAppDownloadError(`message ${platformFileId} not found`, 'not_found', false);
      }
      // Check what the message declares before pulling the bytes through the browser.
      checkFile(message._data?.size, message._data?.mimetype, maxBytes);
      let media: Awaited<ReturnType<NonNullable<WaMessageLike['downloadMedia']>>>;
      try {
        media = await message.downloadMedia();
      } catch (err) {
        throw new WhatsAppDownloadError(`download failed: ${errorText(err)}`, 'not_connected', true);
      }
      // null/undefined: WhatsApp's copy expired and the phone has to re-upload it; a later try may work.
      if (!media) throw new WhatsAppDownloadError(`media of ${platformFileId} is not available`, 'expired', true);
      const mimeType = (media.mimetype.split(';')[0] ?? '').trim().toLowerCase();
      checkFile(media.filesize ?? Math.floor((media.data.length * 3) / 4), mimeType, maxBytes);
      const bytes = Buffer.from(media.data, 'base64');
      checkFile(bytes.length, mimeType, maxBytes);
      return { bytes, mimeType };
    },
    status: () => supervisor.status(),
    restart: () => supervisor.restart(),
    health: () => whatsAppWebHealth(supervisor.status()),
    routes: (http) => mountWhatsAppWebPages(http, supervisor, logger),
  };
}

function checkFile(size: number | null | undefined, mimeType: string | undefined, maxBytes: number) {
  if (size !== null && size !== undefined && size > maxBytes) {
    throw new WhatsAppDownloadError(`file is ${size} bytes, limit ${maxBytes}`, 'too_large', false);
  }
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  if (mime && !ALLOWED_MIME.has(mime)) {
    throw new WhatsAppDownloadError(`file type ${mime} is not accepted`, 'unsupported_type', false);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
