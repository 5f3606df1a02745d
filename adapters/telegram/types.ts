// Raw Telegram Bot API payload types, re-exported from typegram (telegraf's own types).
// https://core.telegram.org/bots/api#update
export type { Message, Update } from 'telegraf/types';

/** Settings for the Telegram adapter, resolved by src/config. */
export interface TelegramAdapterConfig {
  token: string;
  /** Bot API server; the official one by default, a local fake in tests. */
  apiRoot: string;
  /** Webhook mode when set: the public URL of /webhooks/telegram and the secret token (1-256 of A-Za-z0-9_-). */
  webhook?: { url: string; secret: string };
}
