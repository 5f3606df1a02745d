// Opens the database: SQLite (embedded default, through better-sqlite3) or PostgreSQL, chosen by the URL.
// better-sqlite3 keeps one connection, so the pragmas below hold for every query (and ./sqlite-gate.ts keeps
// work outside a transaction from joining an open one on that connection); libSQL's client opens a
// fresh connection after each transaction (losing busy_timeout and foreign_keys, and leaking native memory).
// Both generated clients have the same model API (one schema source); the PostgreSQL one is typed as the
// SQLite one, which is sound because scripts/prisma-generate.mjs derives one schema from the other.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
// Each provider's client and driver are imported only when a URL asks for it: a SQLite deployment (and every
// CLI command on it) never loads pg and the PostgreSQL client, and the other way round.
import type { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import type { Sql, SqliteExclusive } from './sql.js';

/** The Prisma client type used throughout the app. */
export type Db = SqliteClient;
/** The client inside an interactive transaction. */
export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export type Provider = 'sqlite' | 'postgresql';

/** A connected database with the provider it speaks. */
export interface Database {
  db: Db;
  provider: Provider;
  close(): Promise<void>;
}

/** Plain SQL on each client's own connections (./sql.ts), for intake's hot path. */
const directSql = new WeakMap<Db, Sql>();

/** The plain-SQL access to a client opened by openDatabase; undefined for any other client. */
export function sqlOf(db: Db): Sql | undefined {
  return directSql.get(db);
}

/** Which provider a DATABASE_URL selects. */
export function providerOf(url: string): Provider {
  return url.startsWith('file:') ? 'sqlite' : 'postgresql';
}

/** Opens a database and applies the connection settings each provider needs. */
export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = url.slice('file:'.length);
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // The gate keeps statements made outside a transaction out of another caller's open transaction.
    const [{ PrismaClient }, { PrismaBetterSQLite3 }, { gatedSqlite }, { sqliteSql }] = await Promise.all([
      import('../generated/sqlite/client.js'),
      import('@prisma/adapter-better-sqlite3'),
      import('./sqlite-gate.js'),
      import('./sql.js'),
    ]);
    let exclusive: SqliteExclusive | undefined;
    const factory = gatedSqlite(new PrismaBetterSQLite3({ url }), (e) => {
      exclusive = e;
    });
    const db = new PrismaClient({ adapter: factory });
    // WAL lets readers run beside the single writer; busy_timeout makes concurrent writers wait, not fail.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    // The pragmas above connected the client: the connection it uses is the one plain SQL uses.
    if (exclusive) directSql.set(db, sqliteSql(exclusive));
    return { db, provider, close: () => db.$disconnect() };
  }
  const [{ PrismaClient }, { PrismaPg }, { default: pg }, { postgresSql }] = await Promise.all([
    import('../generated/postgres/client.js'),
    import('@prisma/adapter-pg'),
    import('pg'),
    import('./sql.js'),
  ]);
  // One pool for Prisma and plain SQL: the connection limit holds for both.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server closed (a restart, an administrator) is dropped by the pool and the next
  // query opens another; without a listener the pool's error event would end the process.
  pool.on('error', () => undefined);
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  const db = client as unknown as Db;
  directSql.set(db, postgresSql(pool, pg.types.getTypeParser));
  return {
    db,
    provider,
    close: async () => {
      await client.$disconnect();
      await pool.end();
    },
  };
}

/** True when an error is Prisma's unique-constraint violation (P2002): "we already have this". */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
