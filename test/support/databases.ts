// Real databases for integration tests: a temp SQLite file, and a fresh PostgreSQL database per call.
// PostgreSQL comes from TEST_POSTGRES_URL (default: the local server). It is required in CI; elsewhere a
// missing server skips the PostgreSQL half with a loud warning rather than failing a laptop run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  provider: 'sqlite' | 'postgresql';
  url: string;
  drop(): Promise<void>;
}

/** A new empty SQLite database file. */
export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'kanal-aduan-'));
  return { provider: 'sqlite', url: `file:${path.join(dir, 'test.db')}`, drop: async () => {} };
}

/** A new empty PostgreSQL database; drop() removes it. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `ka_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    provider: 'postgresql',
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

let pgAvailable: Promise<boolean> | null = null;
/** Whether the PostgreSQL server answers. */
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      if (process.env.CI) throw new Error(`PostgreSQL is required in CI but ${ADMIN_URL} does not answer`);
      console.warn(`\n*** PostgreSQL at ${ADMIN_URL} is not reachable: PostgreSQL tests are SKIPPED ***\n`);
      return false;
    }
  })();
  return pgAvailable;
}

/** The providers an integration suite runs against, for describe.each. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;

/** Creates a fresh database of the given provider. */
export async function freshDatabase(provider: (typeof PROVIDERS)[number]): Promise<TestDatabase> {
  return provider === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}

/** The databases a suite runs on: both, or SQLite alone where PostgreSQL does not answer (postgresAvailable warns). */
export async function providersToTest(): Promise<readonly (typeof PROVIDERS)[number][]> {
  return (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
}
