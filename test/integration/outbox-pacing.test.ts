// Outbound pacing against a platform that enforces Telegram's documented limits (30/s per bot, about 1/s per
// chat after a short burst) and answers 429 like Telegram does. Time is a test clock: the worker's database
// times and its pacing clock both move only when the test (or the worker's paced sleep) moves them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter } from '../../src/channels/contract.js';
import { ChannelSendError } from '../../src/channels/contract.js';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { createRateLimiter, DEFAULT_CHANNEL_RATES } from '../../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { shutDown } from '../support/teardown.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

/**
 * A fake Telegram that counts strictly, like bench/outbox.ts: at most 30 sends in any sliding second and 3 per
 * chat, anything more refused with 429. It stamps a send when it is called, or (`answerLate`) when it answers,
 * a moment later: a platform that reads a request late still counts it then.
 */
function strictTelegram(clock: { ms: number }, opts: { failFirst?: number; answerLate?: boolean } = {}) {
  const stamps: number[] = [];
  const chats = new Map<string, number[]>();
  const sent: { address: string; text: string; at: number }[] = [];
  let refused = 0;
  let failuresLeft = opts.failFirst ?? 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const within = (times: number[], at: number) => times.filter((t) => t > at - 1000).length;
  const stamp = (address: string, text: string) => {
    const at = clock.ms;
    const chat = chats.get(address) ?? [];
    chats.set(address, chat);
    if (failuresLeft-- > 0 || within(stamps, at) >= 30 || within(chat, at) >= 3) {
      refused++;
      throw new ChannelSendError('Too Many Requests: retry after 1', 'rate_limited', 1_000, 429);
    }
    stamps.push(at);
    chat.push(at);
    sent.push({ address, text, at });
    return { platformMessageId: String(sent.length) };
  };
  const adapter: ChannelAdapter = {
    name: 'telegram',
    async start() {},
    async stop() {},
    async send(address, text) {
      if (!opts.answerLate) return stamp(address, text);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Answered on a later turn of the event loop, after the worker's (test-clock) sleeps moved time on.
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return stamp(address, text);
    },
  };
  return { adapter, sent, refused: () => refused, maxInFlight: () => maxInFlight };
}

describe.each(providers)('outbox pacing on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  const clock = { ms: Date.parse('2026-11-30T08:00:00Z') };
  beforeEach(async () => {
    wakes = [];
    ({ test, database } = await migratedDatabase(provider));
  });
  afterEach(() => shutDown(database, test));

  /** Wake-ups the worker set for rows it put back; the test fires them, in time order, on the test clock. */
  let wakes: { at: number; fn: () => Promise<void> }[] = [];
  const worker = (
    adapter: ChannelAdapter,
    maxInlineWaitMs: number,
    limiter = createRateLimiter(DEFAULT_CHANNEL_RATES),
    timersFireEarly = false,
  ) =>
    createOutboxWorker({
      db: database.db,
      adapters: new Map([['telegram', adapter]]),
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
      batchSize: 50,
      leaseMs: 60_000,
      logger: createLogger('silent'),
      limiter,
      now: () => new Date(clock.ms),
      pacing: {
        nowMs: () => clock.ms,
        sleep: async (ms) => {
          // Node's timers can fire early on a busy event loop (libuv counts from the start of the turn).
          clock.ms += timersFireEarly ? Math.max(1, ms / 2) : ms;
        },
        maxInlineWaitMs,
        wakeAfter: (ms, fn) => {
          const wake = { at: clock.ms + ms, fn };
          wakes.push(wake);
          return () => {
            wakes = wakes.filter((w) => w !== wake);
          };
        },
      },
    });
  /** Fires the earliest wake-up at its time until none is left (at most `limit`); returns how many fired. */
  const fireWakes = async (limit: number) => {
    let fired = 0;
    for (; wakes.length > 0 && fired < limit; fired++) {
      const next = wakes.reduce((a, b) => (b.at < a.at ? b : a));
      wakes = wakes.filter((w) => w !== next);
      clock.ms = Math.max(clock.ms, next.at);
      await next.fn();
    }
    return fired;
  };
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
    // Evenly spaced at 95% of the limit (28.5 a second): 299 gaps of 35.1 ms of (test) time, not less.
    const seconds = (clock.ms - start) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(299 / 28.5 - 0.001);
    expect(seconds).toBeLessThan(299 / 28.5 + 0.1);
  });

  it('never starts a send early when timers fire early: no 429 from a platform that counts late', async () => {
    await enqueueMany(Array.from({ length: 120 }, (_, i) => ({ key: `e${i}`, address: `telegram:${i}` })));
    const platform = strictTelegram(clock, { answerLate: true });
    const result = await worker(platform.adapter, 5_000, createRateLimiter(DEFAULT_CHANNEL_RATES), true).drain();
    expect(result).toMatchObject({ sent: 120, failed: 0, retried: 0 });
    expect(platform.refused()).toBe(0);
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
    await enqueueMany([1, 2, 3, 4].map((n) => ({ key: `w${n}`, address: 'telegram:9' })));
    const sent: { text: string; at: number }[] = [];
    const adapter: ChannelAdapter = {
      name: 'telegram',
      async start() {},
      async stop() {},
      async send(_address, text) {
        sent.push({ text, at: clock.ms });
        return { platformMessageId: String(sent.length) };
      },
    };
    // One message per 50 ms to the chat (at the limit itself), nothing waited for in line.
    const perChat = { telegram: { perSecond: 0, burst: 1, perRecipientPerSecond: 20, recipientBurst: 1 } };
    const w = worker(adapter, 0, createRateLimiter(perChat, { share: 1 }));
    const start = clock.ms;
    expect(await w.drain()).toMatchObject({ sent: 1, postponed: 3 });
    // Only the worker's own wake-ups run from here; each drains what came due and sets the next one.
    expect(await fireWakes(10)).toBe(3);
    await w.settle();
    expect(sent.map((s) => s.text)).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect(sent.map((s) => Math.round(s.at - start))).toEqual([0, 50, 100, 150]);
  });

  it('keeps several sends in flight and waits a second after an answer, not a call: no 429 from a platform that counts late', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      key: `f${String(i).padStart(3, '0')}`,
      address: `telegram:${i % 60}`,
    }));
    await enqueueMany(rows);
    const platform = strictTelegram(clock, { answerLate: true });
    const result = await worker(platform.adapter, 5_000).drain();
    expect(result).toMatchObject({ sent: 120, failed: 0, retried: 0 });
    expect(platform.refused()).toBe(0);
    expect(platform.maxInFlight()).toBeGreaterThan(1);
    expect(platform.maxInFlight()).toBeLessThanOrEqual(8);
    // Each chat's two messages arrived in order.
    for (let chat = 0; chat < 60; chat++) {
      const texts = platform.sent.filter((s) => s.address === `telegram:${chat}`).map((s) => s.text);
      expect(texts).toEqual([`f${String(chat).padStart(3, '0')}`, `f${String(chat + 60).padStart(3, '0')}`]);
    }
  });

  it('never gives up on "too many requests": twenty 429s in a row, then sent, with one counted attempt', async () => {
    await enqueueMany([{ key: 'slow', address: 'telegram:7' }]);
    const platform = strictTelegram(clock, { failFirst: 20 });
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
