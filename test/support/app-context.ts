// A real AppContext (database migrated and seeded, real classifier) without HTTP or channels, for
// integration tests of the application services.

import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type AppContext, createAppContext } from '../../src/app/context.js';
import { createIntake, type Intake } from '../../src/app/intake.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { loadConfig } from '../../src/config/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedAgencies } from '../../src/db/seed.js';
import { createLogger } from '../../src/logger.js';
import { freshDatabase, type PROVIDERS, postgresAvailable, type TestDatabase } from './databases.js';
import { realClassifier } from './runtime.js';

export interface TestContext {
  ctx: AppContext;
  database: Database;
  clock: { now: Date };
  close(): Promise<void>;
}

/** Fresh database + context with a controllable clock; `env` overrides settings (e.g. the SLA clocks). */
export async function createTestContext(
  provider: (typeof PROVIDERS)[number],
  env: Record<string, string> = {},
): Promise<TestContext> {
  const test: TestDatabase = await freshDatabase(provider);
  const database = await openDatabase(test.url);
  await migrate(database);
  await seedAgencies(database.db);
  const clock = { now: new Date('2026-11-28T03:00:00Z') };
  // The defaults a deployment gets with no settings (Kota Cilegon, WIB, 5-minute grouping, 3/30-day clocks).
  const ctx = createAppContext(loadConfig(env), {
    db: database.db,
    classifier: realClassifier(),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    now: () => clock.now,
  });
  return {
    ctx,
    database,
    clock,
    async close() {
      await database.close();
      await test.drop();
    },
  };
}

let seq = 0;
/** A Telegram-like text message from `sender`. */
export function textMessage(sender: string, text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage {
  seq++;
  return {
    channel: 'telegram',
    externalId: `u${Date.now()}-${seq}`,
    sender: { externalId: sender, displayName: 'Warga' },
    replyAddress: `telegram:${sender}`,
    kind: 'text',
    text,
    attachments: [],
    receivedAt: new Date(),
    raw: { text },
    ...extra,
  };
}

/** A citizen's pothole report: plainly a complaint, the text the intake tests file most. */
export const POTHOLE_REPORT = 'Jalan di depan SDN 3 Jombang berlubang besar sudah dua bulan, mohon segera diperbaiki';

/**
 * Registers hooks giving every test of the enclosing describe its own fresh context and intake on `provider`
 * (handed to `use`, which keeps them), closed after the test.
 */
export function freshIntakeForEachTest(
  provider: (typeof PROVIDERS)[number],
  use: (fresh: { t: TestContext; intake: Intake }) => void,
): void {
  let t: TestContext | undefined;
  beforeEach(async () => {
    t = await createTestContext(provider);
    use({ t, intake: createIntake(t.ctx) });
  });
  afterEach(async () => t?.close());
}

/**
 * Registers hooks giving all tests of the enclosing describe one context on `provider` (handed to `use`), closed
 * after them. Where PostgreSQL does not answer, `use` is never called and the tests skip themselves.
 */
export function sharedContextIfAvailable(provider: (typeof PROVIDERS)[number], use: (t: TestContext) => void): void {
  let t: TestContext | undefined;
  beforeAll(async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    t = await createTestContext(provider);
    use(t);
  });
  afterAll(async () => t?.close());
}
