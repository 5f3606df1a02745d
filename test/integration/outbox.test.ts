// The outbox worker against real databases: several workers never send a row twice, failures are retried
// or given up as the retry policy says, and a crashed worker's rows are picked up after the lease.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError } from '../../src/channels/contract.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { createRateLimiter } from '../../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { shutDown } from '../support/teardown.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

/** A channel at the edge of the system under test: records sends, fails on demand, takes a little time. */
function recordingChannel() {
  const sent: { address: string; text: string }[] = [];
  const failures: ChannelSendError[] = [];
  const adapter: ChannelAdapter = {
    name: 'telegram',
    async start() {},
    async stop() {},
    async send(address, text): Promise<SendReceipt> {
      await new Promise((r) => setTimeout(r, 2));
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ address, text });
      return { platformMessageId: String(sent.length) };
    },
  };
  return { adapter, sent, failures };
}

describe.each(providers)('outbox worker on %s', (provider) => {
  let test: TestDatabase;
  let databases: Database[];
  beforeEach(async () => {
    const fresh = await migratedDatabase(provider);
    test = fresh.test;
    databases = [fresh.database];
  });
  afterEach(() => shutDown(...databases, test));
  const db = () => (databases[0] as Database).db;

  const worker = (
    channel: ReturnType<typeof recordingChannel>,
    database = databases[0] as Database,
    leaseMs = 60_000,
    limiter = createRateLimiter({}),
    now?: () => Date,
  ) =>
    createOutboxWorker({
      now,
      db: database.db,
      adapters: new Map([['telegram', channel.adapter]]),
      policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 1_000 },
      batchSize: 7,
      leaseMs,
      logger: createLogger('silent'),
      // Most of these tests are about claims and retries; pacing has its own tests (outbox-pacing.test.ts).
      limiter,
    });

  const fill = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await db().$transaction((tx) =>
        enqueue(tx, { dedupeKey: `k${i}`, address: `telegram:${i % 5}`, kind: 't', text: `pesan ${i}` }),
      );
    }
  };

  it('enqueueing the same key twice keeps one row', async () => {
    await fill(1);
    await db().$transaction((tx) => enqueue(tx, { dedupeKey: 'k0', address: 'telegram:0', kind: 't', text: 'lagi' }));
    expect(await db().outbox.count()).toBe(1);
  });

  it('three workers (separate connections on PostgreSQL) send each of 60 rows exactly once', async () => {
    await fill(60);
    if (provider === 'postgresql') databases.push(await openDatabase(test.url), await openDatabase(test.url));
    const channel = recordingChannel();
    const workers = [0, 1, 2].map((i) => worker(channel, databases[i % databases.length]));
    const results = await Promise.all(workers.map((w) => w.drain()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(60);
    expect(channel.sent).toHaveLength(60);
    expect(new Set(channel.sent.map((s) => s.text)).size).toBe(60);
    expect(await db().outbox.count({ where: { status: 'sent', platformMessageId: { not: null } } })).toBe(60);
    expect(await db().deliveryAttempt.count({ where: { outcome: 'sent' } })).toBe(60);
  });

  it('three paced workers, each with several sends in flight, send each of 60 rows exactly once', async () => {
    await fill(60);
    if (provider === 'postgresql') databases.push(await openDatabase(test.url), await openDatabase(test.url));
    const channel = recordingChannel();
    const paced = () =>
      createRateLimiter({ telegram: { perSecond: 200, burst: 1, perRecipientPerSecond: 100, recipientBurst: 3 } });
    const workers = [0, 1, 2].map((i) => worker(channel, databases[i % databases.length], 60_000, paced()));
    const results = await Promise.all(workers.map((w) => w.drain()));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(60);
    expect(new Set(channel.sent.map((s) => s.text)).size).toBe(60);
    expect(channel.sent).toHaveLength(60);
    expect(await db().outbox.count({ where: { status: 'sent' } })).toBe(60);
    expect(await db().message.count({ where: { direction: 'outbound' } })).toBe(60);
  });

  it('retries transient errors with backoff, waits on 429, and gives up on permanent ones', async () => {
    await fill(3);
    const channel = recordingChannel();
    channel.failures.push(
      new ChannelSendError('502 Bad Gateway', 'transient', undefined, 502),
      new ChannelSendError('Forbidden: bot was blocked by the user', 'permanent', undefined, 403),
      new ChannelSendError('Too Many Requests', 'rate_limited', 7_000, 429),
    );
    const result = await worker(channel).drain();
    expect(result).toEqual({ sent: 0, retried: 2, failed: 1, postponed: 0 });
    const rows = await db().outbox.findMany({ orderBy: { dedupeKey: 'asc' } });
    const delay = (i: number) => (rows[i]?.nextAttemptAt.getTime() ?? 0) - Date.now();
    expect(rows.map((r) => r.status)).toEqual(['pending', 'failed', 'pending']);
    expect(delay(0)).toBeGreaterThan(500);
    expect(delay(0)).toBeLessThan(1_500);
    expect(delay(2)).toBeGreaterThan(6_000);
    expect(rows[1]?.lastError).toContain('blocked');
    // The 429 was not counted as an attempt; the 502 was.
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 0]);
    const attempts = await db().deliveryAttempt.findMany();
    expect(attempts.map((a) => a.outcome).sort()).toEqual(['failed', 'retry', 'retry']);
  });

  it('a row left "sending" by a crashed worker is sent by another after its lease expires', async () => {
    await fill(1);
    await db().outbox.updateMany({
      data: { status: 'sending', lockedBy: 'dead', lockedUntil: new Date(Date.now() + 300) },
    });
    const channel = recordingChannel();
    expect((await worker(channel).drain()).sent).toBe(0);
    // Half a second later on the worker's clock the dead worker's lease has run out.
    const later = () => new Date(Date.now() + 500);
    expect((await worker(channel, undefined, undefined, undefined, later).drain()).sent).toBe(1);
    expect(await db().outbox.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('leaves a channel it does not have to the instance that has it, without counting an attempt', async () => {
    await db().$transaction((tx) => enqueue(tx, { dedupeKey: 'x', address: 'x:123', kind: 't', text: 'halo' }));
    // This instance sends Telegram only (say, WhatsApp Web or X runs on another one).
    expect(await worker(recordingChannel()).drain()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(await db().outbox.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 0 });
    const x = recordingChannel();
    const other = createOutboxWorker({
      db: db(),
      adapters: new Map([['x', { ...x.adapter, name: 'x' as const }]]),
      policy: DEFAULT_RETRY_POLICY,
      batchSize: 10,
      leaseMs: 60_000,
      logger: createLogger('silent'),
    });
    expect((await other.drain()).sent).toBe(1);
    expect(x.sent).toHaveLength(1);
  });
});
