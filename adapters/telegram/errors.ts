// Maps telegraf errors to the contract's send-failure kinds. The outbox's retry policy does the rest.
import { TelegramError } from 'telegraf';
import { ChannelSendError, RecipientUnreachableError } from '../../src/channels/contract.js';

/** 429 waits retry_after; 5xx and network errors are transient; other 4xx (blocked bot, bad chat) are permanent. */
export function mapTelegramError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const retryAfter = err.parameters?.retry_after;
    if (code === 429) {
      return new ChannelSendError(
        err.description,
        'rate_limited',
        retryAfter !== undefined ? retryAfter * 1000 : undefined,
        code,
      );
    }
    if (code >= 500 || !code) return new ChannelSendError(err.description || err.message, 'transient', undefined, code);
    // "Forbidden: bot was blocked by the user" / "user is deactivated" / "bot was kicked from the group chat".
    if (code === 403 && /blocked|deactivated|kicked/i.test(err.description)) {
      return new RecipientUnreachableError(err.description, code);
    }
    return new ChannelSendError(err.description, 'permanent', undefined, code);
  }
  return new ChannelSendError(err instanceof Error ? err.message : String(err), 'transient');
}
