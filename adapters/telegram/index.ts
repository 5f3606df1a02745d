// Telegram channel through telegraf, long polling. Telegraf advances the update offset before handlers run,
// so the handler's first step is to store the update (the sink); a storage failure is logged, not thrown,
// because a thrown error would stop polling for everyone (telegraf's default handleError re-throws).
import { Telegraf } from 'telegraf';
import type { ChannelAdapter, InboundSink, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { mapTelegramError } from './errors.js';
import { parseTelegramUpdate } from './parse.js';
import type { TelegramAdapterConfig } from './types.js';

/** Telegram rejects longer texts (sendMessage: 1-4096 characters). */
const MAX_TEXT = 4096;

/** Creates the Telegram adapter. */
export function createTelegramAdapter(config: TelegramAdapterConfig, logger: Logger): ChannelAdapter {
  // webhookReply:false so every call reports its own errors (see channel-apis.md).
  const bot = new Telegraf(config.token, { telegram: { apiRoot: config.apiRoot, webhookReply: false } });
  let launched: Promise<void> | null = null;

  return {
    name: 'telegram',
    async start(sink: InboundSink) {
      bot.use(async (ctx) => {
        const message = parseTelegramUpdate(ctx.update);
        if (message) await sink(message);
      });
      bot.catch((err, ctx) => logger.error({ err, updateId: ctx.update.update_id }, 'telegram update failed'));
      await new Promise<void>((resolve, reject) => {
        launched = bot.launch({ allowedUpdates: ['message'] }, resolve);
        launched.catch((err: unknown) => {
          logger.error({ err }, 'telegram polling stopped');
          reject(err);
        });
      });
      logger.info({ bot: bot.botInfo?.username }, 'telegram polling started');
    },
    async stop() {
      if (!launched) return;
      launched = null;
      try {
        bot.stop('shutdown');
      } catch {
        // "Bot is not running!": polling had not started yet or already ended; nothing to stop.
      }
    },
    async send(address: string, text: string): Promise<SendReceipt> {
      const { channel, id } = parseAddress(address);
      if (channel !== 'telegram') throw new ChannelSendError(`not a telegram address: ${address}`, 'permanent');
      try {
        const sent = await bot.telegram.sendMessage(id, text.slice(0, MAX_TEXT));
        return { platformMessageId: String(sent.message_id) };
      } catch (err) {
        throw mapTelegramError(err);
      }
    },
  };
}
