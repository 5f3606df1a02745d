// Telegram channel through telegraf: long polling (default) or webhook mode.
// Polling: our own loop (./poll.ts) confirms an update to Telegram only after the sink stored it; telegraf's
// launch() confirmed every fetched update whatever happened to it.
// Webhook: Telegram POSTs each Update to /webhooks/telegram with the secret we registered (./webhook.ts).
import { Telegraf } from 'telegraf';
import type {
  ChannelAdapter,
  DownloadedFile,
  InboundSink,
  IncomingMessage,
  SendReceipt,
} from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { mapTelegramError } from './errors.js';
import { parseTelegramUpdate, type TelegramBotIdentity, unreadableUpdate } from './parse.js';
import { startTelegramPolling } from './poll.js';
import type { TelegramAdapterConfig, Update } from './types.js';
import { handleTelegramWebhook } from './webhook.js';

/** Telegram rejects longer texts (sendMessage: 1-4096 characters). */
const MAX_TEXT = 4096;
/** Bots may download files up to 20 MB (https://core.telegram.org/bots/api#getfile). */
const BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/**
 * What we ask Telegram for: messages and their edits, posts in a channel the bot runs, reactions, and the bot's
 * own membership (my_chat_member: a user who blocks the bot, the bot added to a group).
 * https://core.telegram.org/bots/api#getupdates (allowed_updates)
 */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'channel_post',
  'my_chat_member',
  'message_reaction',
] as const;

/** The bot, the poll loop while it runs, and what start() learned; one per adapter. */
interface TelegramState {
  config: TelegramAdapterConfig;
  logger: Logger;
  bot: Telegraf;
  polling: { stop(): Promise<void> } | null;
  sink: InboundSink | null;
  me: TelegramBotIdentity | undefined;
}

/** Creates the Telegram adapter. */
export function createTelegramAdapter(config: TelegramAdapterConfig, logger: Logger): ChannelAdapter {
  const t: TelegramState = {
    config,
    logger,
    // webhookReply:false so every call reports its own errors (see channel-apis.md).
    bot: new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot, webhookReply: false } }),
    polling: null,
    sink: null,
    me: undefined,
  };
  return {
    name: 'telegram',
    start: (s) => start(t, s),
    async stop() {
      const running = t.polling;
      t.polling = null;
      await running?.stop();
      t.sink = null;
    },
    send: (address, text) => send(t.bot, address, text),
    webhook: (req) => handleTelegramWebhook(config, logger, (update) => deliver(t, update), req),
    download: (fileId, maxBytes) => download(t.bot, fileId, maxBytes),
  };
}

/**
 * Stores one update through the sink; throws when it could not be stored, so it is not confirmed. An update
 * the parser cannot read is stored raw as an unreadable system event: confirming it loses nothing, and
 * refusing it would make Telegram (or our poll loop) deliver it forever.
 */
async function deliver(t: TelegramState, update: Update): Promise<void> {
  let message: IncomingMessage | null;
  try {
    message = parseTelegramUpdate(update, t.me);
  } catch (err) {
    t.logger.error({ err, updateId: update.update_id }, 'telegram update not understood; stored raw');
    message = unreadableUpdate(update, err instanceof Error ? err.message : String(err), new Date());
  }
  if (!message) return;
  if (!t.sink) throw new Error('the telegram adapter is stopped');
  await t.sink(message);
}

async function start(t: TelegramState, sink: InboundSink): Promise<void> {
  const { bot, config, logger } = t;
  t.sink = sink;
  // Who we are, to tell whether a group message addresses the bot. A wrong token fails here, at start.
  const info = await bot.telegram.getMe();
  t.me = { id: info.id, username: info.username };
  if (config.webhook) {
    await bot.telegram.setWebhook(config.webhook.url, {
      secret_token: config.webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    logger.info({ url: config.webhook.url }, 'telegram webhook registered');
    return;
  }
  // getUpdates is refused (409) while a webhook is set.
  await bot.telegram.deleteWebhook();
  t.polling = startTelegramPolling({
    telegram: bot.telegram,
    deliver: (update) => deliver(t, update),
    logger,
    allowedUpdates: [...ALLOWED_UPDATES],
  });
  logger.info({ bot: info.username }, 'telegram polling started');
}

async function send(bot: Telegraf, address: string, text: string): Promise<SendReceipt> {
  const { channel, id } = parseAddress(address);
  if (channel !== 'telegram') throw new ChannelSendError(`not a telegram address: ${address}`, 'permanent');
  try {
    const sent = await bot.telegram.sendMessage(id, text.slice(0, MAX_TEXT));
    return { platformMessageId: String(sent.message_id) };
  } catch (err) {
    throw mapTelegramError(err);
  }
}

async function download(bot: Telegraf, fileId: string, maxBytes: number): Promise<DownloadedFile> {
  const limit = Math.min(maxBytes, BOT_DOWNLOAD_LIMIT);
  const file = await bot.telegram.getFile(fileId).catch((err: unknown) => {
    throw mapTelegramError(err);
  });
  if (file.file_size !== undefined && file.file_size > limit) {
    throw new ChannelSendError(`file is ${file.file_size} bytes, over the ${limit} limit`, 'permanent');
  }
  const res = await fetch(await bot.telegram.getFileLink(fileId), { signal: AbortSignal.timeout(30_000) });
  if (!res.ok)
    throw new ChannelSendError(
      `file download failed: HTTP ${res.status}`,
      res.status >= 500 ? 'transient' : 'permanent',
    );
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > limit) throw new ChannelSendError(`file is over the ${limit} byte limit`, 'permanent');
  const ext = (file.file_path ?? '').split('.').pop()?.toLowerCase() ?? '';
  return { bytes, mimeType: MIME_BY_EXT[ext] ?? res.headers.get('content-type') ?? 'application/octet-stream' };
}
