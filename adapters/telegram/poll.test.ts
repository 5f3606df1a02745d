// The polling loop against the fake Bot API through telegraf's real client: an update whose storing failed is
// fetched again (not confirmed), and updates after it wait for it, in order.
import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type FakeTelegram, startFakeTelegram } from '../../test/fakes/telegram-bot-api.js';
import { startTelegramPolling } from './poll.js';
import type { Update } from './types.js';

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('telegram polling', () => {
  let fake: FakeTelegram;
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    await fake?.close();
  });

  it('fetches an update again when storing it failed, and keeps the order of the ones behind it', async () => {
    fake = await startFakeTelegram();
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
    const first = fake.pushUpdate(fake.textUpdate(501, 'jalan rusak di Citangkil'));
    const second = fake.pushUpdate(fake.textUpdate(502, 'lampu jalan mati di Pulomerak'));
    const attempts: number[] = [];
    const stored: number[] = [];
    const poller = startTelegramPolling({
      telegram: bot.telegram,
      logger: createLogger('silent'),
      allowedUpdates: ['message'],
      timeoutSeconds: 1,
      backoffMs: 1,
      async deliver(update: Update) {
        attempts.push(update.update_id);
        // The database is briefly unavailable for the first update's first attempt.
        if (update.update_id === first && attempts.filter((id) => id === first).length === 1) {
          throw new Error('database is locked');
        }
        stored.push(update.update_id);
      },
    });
    stop = poller.stop;
    await until(() => stored.length === 2, 'both updates stored');
    expect(stored).toEqual([first, second]);
    expect(attempts).toEqual([first, first, second]);
    // Only stored updates were confirmed: the poll after the failure did not move past the first update, and
    // the confirming poll moves past both.
    const offsets = () =>
      fake.calls.filter((c) => c.method === 'getUpdates').map((c) => Number((c.body as { offset?: number }).offset));
    await until(() => offsets().includes(second + 1), 'the confirming getUpdates');
    expect(offsets().slice(0, 2)).toEqual([0, 0]);
  });

  it('stops promptly while a long poll is open', async () => {
    fake = await startFakeTelegram();
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.url } });
    const poller = startTelegramPolling({
      telegram: bot.telegram,
      logger: createLogger('silent'),
      allowedUpdates: ['message'],
      timeoutSeconds: 30,
      async deliver() {},
    });
    await until(() => fake.calls.some((c) => c.method === 'getUpdates'), 'a getUpdates call');
    await poller.stop();
    stop = null;
    const calls = fake.calls.filter((c) => c.method === 'getUpdates').length;
    fake.pushUpdate(fake.textUpdate(503, 'setelah berhenti'));
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.filter((c) => c.method === 'getUpdates').length).toBe(calls);
  });
});
