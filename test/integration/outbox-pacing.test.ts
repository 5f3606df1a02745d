// Outbound pacing against a platform that enforces Telegram's documented limits (30/s per bot, about 1/s per
// chat after a short burst) and answers 429 like Telegram does. Time is a test clock: the worker's database
// times and its pacing clock both move only when the test (or the worker's paced sleep) moves them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/contract.js';
import { ChannelSendError } from '../../src/channels/contract.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { createRateLimiter, DEFAULT_CHANNEL_RATES } from '../../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

/** A fake Telegram that refuses (429) what goes over its limits, judged on the test clock. */
function strictTelegram(clock: { ms: number }, failFirst = 0) {
  const enforce = createRateLimiter(DEFAULT_CHANNEL_RATES);
  const sent: { address: string; text: string; at: number }[] = [];
  let refused = 0;
  let failuresLeft = failFirst;
  const adapter: ChannelAdapter = {
    name: 'telegram',
    async start() {},
    async stop() {},
    async send(address, text) {
      if (failuresLeft-- > 0 || enforce.delayFor('telegram', address, clock.ms) > 0) {
        refused++;
        throw new ChannelSendError('Too Many Requests: retry after 1', 'rate_limited', 1_000, 429);
      }
      enforce.reserve('telegram', address, clock.ms);
      sent.push({ address, text, at: clock.ms });
      return { platformMessageId: String(sent.length) };
    },
  };
  return { adapter, sent, refused: () => refused };
}

describe.each(providers)('outbox pacing on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  const clock = { ms: Date.parse('2026-11-30T08:00:00Z') };
  beforeEach(async () => {
    test = await freshDatabase(provider);
    database = await openDatabase(test.url);
    await migrate(database);
  });
  afterEach(async () => {
    await database.close();
    await test.drop();
  });

  const worker = (adapter: ChannelAdapter, maxInlineWaitMs: number) =>
    createOutboxWorker({
      db: database.db,
      adapters: new Map([['telegram', adapter]]),
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
      batchSize: 50,
      leaseMs: 60_000,
      logger: createLogger('silent'),
      now: () => new Date(clock.ms),
      pacing: {
        nowMs: () => clock.ms,
        sleep: async (ms) => {
          clock.ms += ms;
        },
        maxInlineWaitMs,
      },
    });
  const enqueueMany = async (rows: { key: string; address: string }[]) => {
    for (const r of rows) {
      await database.db.$transaction((tx) =>
        enqueue(tx, { dedupeKey: r.key, address: r.address, kind: 't', text: r.key, notBefore: new Date(clock.ms) }),
      );
      clock.ms += 1; // keeps the rows in order
    }
  };

  it('spaces a burst to many chats at the bot limit: no 429, nothing failed', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      key: `b${String(i).padStart(3, '0')}`,
      address: `telegram:${i % 150}`,
    }));
    await enqueueMany(rows);
    const platform = strictTelegram(clock);
    const start = clock.ms;
    const result = await worker(platform.adapter, 5_000).drain();
    expect(result).toMatchObject({ sent: 300, failed: 0, retried: 0 });
    expect(platform.refused()).toBe(0);
    // 30 at once, then 30 a second: 300 messages take about 9 seconds of (test) time, not less.
    const seconds = (clock.ms - start) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(8.9);
    expect(seconds).toBeLessThan(10.5);
  });

  it("puts a chat's fourth quick message back for its slot, keeps the chat's order, and counts no attempt", async () => {
    await enqueueMany([1, 2, 3, 4, 5].map((n) => ({ key: `c${n}`, address: 'telegram:42' })));
    const platform = strictTelegram(clock);
    const w = worker(platform.adapter, 100);
    const first = await w.drain();
    expect(first).toMatchObject({ sent: 3, postponed: 2 });
    const waiting = await database.db.outbox.findMany({
      where: { status: 'pending' },
      orderBy: { nextAttemptAt: 'asc' },
    });
    expect(waiting.map((r) => [r.dedupeKey, r.attempts])).toEqual([
      ['c4', 0],
      ['c5', 0],
    ]);
    for (let i = 0; i < 5 && platform.sent.length < 5; i++) {
      clock.ms += 1_000;
      await w.drain();
    }
    await w.settle();
    expect(platform.sent.map((s) => s.text)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(platform.refused()).toBe(0);
  });

  it('wakes itself for every row it put back, each at its slot, with no other drain', async () => {
    const sent: string[] = [];
    const adapter: ChannelAdapter = {
      name: 'telegram',
      async start() {},
      async stop() {},
      async send(_address, text) {
        sent.push(text);
        return { platformMessageId: String(sent.length) };
      },
    };
    for (const n of [1, 2, 3, 4]) {
      await database.db.$transaction((tx) =>
        enqueue(tx, {
          dedupeKey: `w${n}`,
          address: 'telegram:9',
          kind: 't',
          text: `w${n}`,
          notBefore: new Date(Date.now() - 10 + n),
        }),
      );
    }
    // Real time here: one message per 50 ms to the chat, nothing waited for in line.
    const w = createOutboxWorker({
      db: database.db,
      adapters: new Map([['telegram', adapter]]),
      policy: DEFAULT_RETRY_POLICY,
      batchSize: 50,
      leaseMs: 60_000,
      logger: createLogger('silent'),
      limiter: createRateLimiter({
        telegram: { perSecond: 0, burst: 1, perRecipientPerSecond: 20, recipientBurst: 1 },
      }),
      pacing: { nowMs: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), maxInlineWaitMs: 0 },
    });
    expect(await w.drain()).toMatchObject({ sent: 1, postponed: 3 });
    const deadline = Date.now() + 10_000;
    while (sent.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await w.settle();
    expect(sent).toEqual(['w1', 'w2', 'w3', 'w4']);
  });

  it('never gives up on "too many requests": twenty 429s in a row, then sent, with one counted attempt', async () => {
    await enqueueMany([{ key: 'slow', address: 'telegram:7' }]);
    const platform = strictTelegram(clock, 20);
    const w = worker(platform.adapter, 5_000);
    for (let i = 0; i < 25 && platform.sent.length === 0; i++) {
      await w.drain();
      clock.ms += 1_000;
    }
    const row = await database.db.outbox.findFirstOrThrow({ where: { dedupeKey: 'slow' } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const attempts = await database.db.deliveryAttempt.findMany({ where: { outboxId: row.id } });
    expect(attempts.filter((a) => a.outcome === 'retry')).toHaveLength(20);
    expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(1);
  });
});
