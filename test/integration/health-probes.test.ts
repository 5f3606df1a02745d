// Readiness as a load balancer sees it, on real databases: ready when the database answers and has every
// migration this build carries; not ready (with the reason) while shutting down, behind on migrations, or
// when the database is gone.
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createReadiness, newestMigration, registerHealthProbes } from '../../src/http/health-probes.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('health probes on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  let shuttingDown = false;
  beforeEach(async () => {
    shuttingDown = false;
    test = await freshDatabase(provider);
    database = await openDatabase(test.url);
    await migrate(database);
  });
  afterEach(async () => {
    await database.close().catch(() => undefined);
    await test.drop();
  });

  it('answers /healthz and /readyz without a session, 503 with the reason once a stop begins', async () => {
    const app = Fastify();
    registerHealthProbes(app, { database, shuttingDown: () => shuttingDown });
    const live = await app.inject({ url: '/healthz' });
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await app.inject({ url: '/readyz' });
    expect([ready.statusCode, ready.json(), ready.headers['cache-control']]).toEqual([
      200,
      { status: 'ready' },
      'no-store',
    ]);
    shuttingDown = true;
    const stopping = await app.inject({ url: '/readyz' });
    expect([stopping.statusCode, stopping.json()]).toEqual([503, { status: 'not_ready', reason: 'shutting_down' }]);
    // Liveness stays up: the process is finishing its work, not stuck.
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('is not ready while the newest migration of this build is missing', async () => {
    const readiness = createReadiness({ database, shuttingDown: () => false });
    expect(await readiness()).toEqual({ ready: true });
    await database.db.$executeRawUnsafe(
      `DELETE FROM "_kanal_migrations" WHERE "name" = '${newestMigration(database.provider)}'`,
    );
    expect(await readiness()).toEqual({ ready: false, reason: 'migrations' });
  });

  // An embedded SQLite file cannot go away underneath a running process the way a database server can.
  it.skipIf(provider === 'sqlite')('is not ready when the database server does not answer', async () => {
    const readiness = createReadiness({ database, shuttingDown: () => false });
    expect(await readiness()).toEqual({ ready: true });
    await test.drop(); // terminates this instance's connections, like a server restart or failover
    expect(await readiness()).toEqual({ ready: false, reason: 'database' });
  });
});
