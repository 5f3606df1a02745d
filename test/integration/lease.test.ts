// One poller among several instances: the lease and the single-instance wrapper on real databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLease } from '../../src/app/lease.js';
import type { ChannelAdapter } from '../../src/channels/contract.js';
import { singleInstance } from '../../src/channels/single-instance.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { shutDown } from '../support/teardown.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

/** A polling channel at the edge: counts how often it is started and whether it is running. */
function pollingChannel() {
  const state = { starts: 0, running: false };
  const adapter: ChannelAdapter = {
    name: 'telegram',
    async start() {
      state.starts++;
      state.running = true;
    },
    async stop() {
      state.running = false;
    },
    send: async () => ({ platformMessageId: '1' }),
  };
  return { adapter, state };
}

describe.each(providers)('single-instance polling on %s', (provider) => {
  let test: TestDatabase;
  let instances: Database[];
  beforeEach(async () => {
    const fresh = await migratedDatabase(provider);
    test = fresh.test;
    instances = [fresh.database];
    if (provider === 'postgresql') instances.push(await openDatabase(test.url));
  });
  afterEach(() => shutDown(...instances, test));
  const db = (i: number) => (instances[i % instances.length] as Database).db;

  it('lets exactly one of several racing instances hold a lease, and another take it after it expires', async () => {
    let now = new Date('2026-11-28T00:00:00Z');
    const clock = () => now;
    const leases = ['a', 'b', 'c', 'd'].map((owner, i) => createLease(db(i), 'poll:telegram', owner, 30_000, clock));
    const won = await Promise.all(leases.map((l) => l.tryAcquire()));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = won.indexOf(true);
    expect(await leases[holder]?.tryAcquire()).toBe(true); // renewal
    now = new Date(now.getTime() + 31_000);
    const other = (holder + 1) % leases.length;
    expect(await leases[other]?.tryAcquire()).toBe(true);
    expect(await leases[holder]?.tryAcquire()).toBe(false);
  });

  it('starts the poller on one instance only, and on another when the first stops', async () => {
    const logger = createLogger('silent');
    const a = pollingChannel();
    const b = pollingChannel();
    const wa = singleInstance(a.adapter, createLease(db(0), 'poll:telegram', 'A', 30_000), logger, 50);
    const wb = singleInstance(b.adapter, createLease(db(1), 'poll:telegram', 'B', 30_000), logger, 50);
    await wa.start(async () => {});
    await wb.start(async () => {});
    const running = () => [a.state.running, b.state.running];
    await expect.poll(running, { interval: 10 }).toEqual([true, false]);
    await wa.stop(); // releases the lease
    await expect.poll(running, { interval: 10 }).toEqual([false, true]);
    expect(await wb.send('telegram:1', 'x')).toEqual({ platformMessageId: '1' });
    await wb.stop();
  });
});
