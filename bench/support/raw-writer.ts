// Seeds benchmark databases with the raw drivers: the benches measure reads and the product's own writes, so
// seeding takes the fastest path (one transaction on SQLite, 1,000-row multi-VALUES inserts on PostgreSQL).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import pg from 'pg';

/** One row: column name to value, as Prisma stores it. */
export type Row = Record<string, string | number | boolean | Date | null>;

/** Inserts rows into a table; `close` ends the connection. */
export interface Writer {
  insert(table: string, rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

/** The slice of better-sqlite3 the seed uses. */
interface RawSqlite {
  prepare(sql: string): { run(params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}
const SqliteDb = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => RawSqlite;
const insertSql = (table: string, cols: string[], values: string) =>
  `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${values}`;

/** A writer for a SQLite file (path without the `file:` prefix). */
export function sqliteWriter(file: string): Writer {
  const db = new SqliteDb(file);
  // Prisma keeps SQLite DateTime as ISO text with an explicit offset, and booleans as integers.
  const value = (v: Row[string]) =>
    v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? Number(v) : v;
  return {
    async insert(table, rows) {
      const cols = Object.keys(rows[0] ?? {});
      const stmt = db.prepare(insertSql(table, cols, `(${cols.map(() => '?').join(',')})`));
      db.transaction(() => {
        for (const r of rows) stmt.run(cols.map((c) => value(r[c] ?? null)));
      })();
    },
    close: async () => db.close(),
  };
}

/** A writer for a PostgreSQL database. */
export async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // timestamp(3) without time zone holds UTC: send ISO text without the zone.
  const value = (v: Row[string]) => (v instanceof Date ? v.toISOString().replace('Z', '') : v);
  return {
    async insert(table, rows) {
      const cols = Object.keys(rows[0] ?? {});
      for (let i = 0; i < rows.length; i += 1000) {
        const params: unknown[] = [];
        const tuples = rows
          .slice(i, i + 1000)
          .map((r) => `(${cols.map((c) => `$${params.push(value(r[c] ?? null))}`).join(',')})`);
        await client.query(insertSql(table, cols, tuples.join(',')), params);
      }
    },
    close: () => client.end(),
  };
}

/** Runs `fn` on a fresh PostgreSQL database created through `adminUrl`, and drops it afterwards. */
export async function withTempPostgres<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `ka_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
