// Every outbox write nudges the worker. Under steady traffic one drain never ends (each nudge makes it go round
// again), so a nudge must leave nothing behind on the run under way: a handler per call grew the heap by one
// promise and reaction per message for as long as traffic kept coming (bench:http's heap snapshot, 30,000 of
// them after 30,000 messages).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import { createRateLimiter } from '../../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../../src/outbox/retry-policy.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/worker.js';
import type { TestDatabase } from '../support/databases.js';
import { gatedChannel } from '../support/gated-channel.js';
import { heapAfterGc } from '../support/heap.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';

describe('outbox nudges on sqlite', () => {
  let test: TestDatabase;
  let database: Database;
  let worker: OutboxWorker | undefined;
  beforeEach(async () => {
    ({ test, database } = await migratedDatabase('sqlite'));
  });
  afterEach(async () => {
    await worker?.stop();
    await shutDown(database, test);
  });

  const write = (key: string) =>
    database.db.$transaction((tx) => enqueue(tx, { dedupeKey: key, address: 'telegram:1', kind: 't', text: key }));

  it('a nudge during a run makes it go round again and leaves nothing attached to it', async () => {
    const channel = gatedChannel();
    worker = createOutboxWorker({
      db: database.db,
      adapters: new Map([['telegram', channel.adapter]]),
      policy: DEFAULT_RETRY_POLICY,
      batchSize: 10,
      leaseMs: 60_000,
      logger: createLogger('silent'),
      limiter: createRateLimiter({}),
    });
    await write('first');
    worker.nudge();
    await eventually(async () => channel.started() === 1);
    // The run is under way and held. The row written now is past its claim: only a second round sends it.
    await write('second');
    const before = heapAfterGc();
    for (let i = 0; i < 50_000; i++) worker.nudge();
    const grown = heapAfterGc() - before;
    // A handler per nudge costs about 150 bytes each: 7 MiB for these 50,000.
    expect(grown).toBeLessThan(1024 * 1024);
    channel.open();
    await worker.settle();
    expect(channel.sent).toEqual(['first', 'second']);
  });
});
