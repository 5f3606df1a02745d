// Long polling that confirms an update to Telegram only after it is stored.
// getUpdates confirms every update below `offset` (https://core.telegram.org/bots/api#getupdates), and Telegram
// keeps unconfirmed updates for 24 hours. Telegraf's own loop moves the offset past a batch whatever its
// handlers did, so an update whose storing failed was confirmed and lost. Here the offset moves past an update
// only once `deliver` resolved; when it throws, the same update is fetched again after a pause.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/logger.js';
import type { Update } from './types.js';

/** What the poller needs: the Bot API client and the step that stores one update. */
export interface TelegramPollerOptions {
  telegram: Telegram;
  deliver(update: Update): Promise<void>;
  logger: Logger;
  allowedUpdates: NonNullable<Parameters<Telegram['getUpdates']>[3]>;
  /** Long-poll timeout in seconds (Telegram holds the request open up to this long). */
  timeoutSeconds?: number;
  /** First pause after a failure; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** Starts polling; the returned stop() aborts the open request and resolves when the loop has ended. */
export function startTelegramPolling(opts: TelegramPollerOptions): { stop(): Promise<void> } {
  const abort = new AbortController();
  const { signal } = abort;
  const firstBackoff = opts.backoffMs ?? 1_000;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  let backoff = firstBackoff;
  const pause = async () => {
    await sleep(backoff, undefined, { signal }).catch(() => undefined);
    backoff = Math.min(backoff * 2, maxBackoff);
  };

  async function loop() {
    let offset = 0;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        updates = (await opts.telegram.callApi(
          'getUpdates',
          { offset, limit: 100, timeout: opts.timeoutSeconds ?? 50, allowed_updates: opts.allowedUpdates },
          // telegraf types the signal as the abort-controller polyfill's; Node's own is what node-fetch takes.
          { signal: signal as never },
        )) as Update[];
      } catch (err) {
        if (signal.aborted) break;
        // 409: a webhook is set or another instance polls; 5xx and network errors pass. Keep trying, slower.
        opts.logger.warn({ err }, 'telegram getUpdates failed; retrying');
        await pause();
        continue;
      }
      backoff = firstBackoff;
      for (const update of updates) {
        try {
          await opts.deliver(update);
        } catch (err) {
          opts.logger.error({ err, updateId: update.update_id }, 'telegram update not stored; fetching it again');
          await pause();
          break;
        }
        offset = update.update_id + 1;
      }
    }
  }

  const done = loop();
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}
