// The outbox worker's shutdown on real databases: the send under way finishes, the rest of the claimed batch
// goes back at once (no lease to wait out, no attempt counted), and another instance sends it exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { createRateLimiter } from '../../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { gatedChannel } from '../support/gated-channel.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('outbox worker stop on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  beforeEach(async () => {
    ({ test, database } = await migratedDatabase(provider));
  });
  afterEach(() => shutDown(database, test));

  const worker = (channel: ReturnType<typeof gatedChannel>) =>
    createOutboxWorker({
      db: database.db,
      adapters: new Map([['telegram', channel.adapter]]),
      policy: DEFAULT_RETRY_POLICY,
      batchSize: 10,
      leaseMs: 600_000,
      logger: createLogger('silent'),
      limiter: createRateLimiter({}),
    });

  it('finishes the send in flight, releases the rest of its batch, and another worker sends each once', async () => {
    for (let i = 0; i < 6; i++)
      await database.db.$transaction((tx) =>
        enqueue(tx, { dedupeKey: `k${i}`, address: `telegram:${i}`, kind: 't', text: `pesan ${i}` }),
      );
    const first = gatedChannel();
    const stopping = worker(first);
    const drained = stopping.drain();
    await eventually(async () => first.started() === 1);
    expect(await database.db.outbox.count({ where: { status: 'sending' } })).toBe(6);

    const stopped = stopping.stop();
    first.open();
    await stopped;
    await drained;
    expect(first.sent).toHaveLength(1);
    const rows = await database.db.outbox.findMany({ orderBy: { dedupeKey: 'asc' } });
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1);
    // Released, not left locked for the lease (10 minutes here): due now, unlocked, no attempt counted.
    const released = rows.filter((r) => r.status !== 'sent');
    expect(released).toHaveLength(5);
    for (const r of released) {
      expect(r).toMatchObject({ status: 'pending', lockedBy: null, lockedUntil: null, attempts: 0 });
      expect(r.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // A stopped worker claims nothing more.
    expect(await stopping.drain()).toEqual({ sent: 0, retried: 0, failed: 0, postponed: 0 });

    const second = gatedChannel();
    second.open();
    expect((await worker(second).drain()).sent).toBe(5);
    const all = [...first.sent, ...second.sent].sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5].map((i) => `pesan ${i}`));
    expect(await database.db.outbox.count({ where: { status: 'sent' } })).toBe(6);
  });
});
