// Plain SQL on the same connections Prisma uses, for the one path where Prisma's per-statement cost dominates:
// intake of a citizen's message (bench/intake.ts: about 0.9 ms of CPU per Prisma statement against 0.01-0.1 ms
// through the driver). Everything else uses Prisma, which stays the schema and migration source.
//
// SQLite: the better-sqlite3 connection Prisma's adapter holds, entered through the same gate as Prisma's own
// transactions (./sqlite-gate.ts), so plain SQL and Prisma never share a transaction by accident. PostgreSQL:
// the pg pool Prisma's adapter was given. Statements are written once, with `?` placeholders and quoted
// identifiers; values are bound the way Prisma stores them (dates as ISO text on SQLite, booleans as 0/1).
import type { Provider } from './client.js';
import { groupCommit } from './group-commit.js';

export type SqlValue = string | number | boolean | Date | null;
export type Row = Record<string, unknown>;

export interface SqlTx {
  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface Sql {
  provider: Provider;
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, but `fn` may share one commit with other callers (group commit, ./group-commit.ts):
   * it runs in its own savepoint, so its failure undoes only its own writes, and it resolves once the shared
   * commit is durable. Many small writes then cost one disk flush instead of one each.
   */
  grouped<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

/** How Prisma's SQLite adapter writes a DateTime (iso8601 with an explicit offset): comparisons stay textual. */
export const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

/** A date column as read back by either driver (ISO text on SQLite, UTC wall-clock text on PostgreSQL). */
export function sqlDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

/** The subset of better-sqlite3 used here (typed locally: the adapter does not export its client type). */
export interface SqliteClient {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; run(...params: unknown[]): { changes: number } };
  readonly inTransaction: boolean;
}

/** Runs `fn` with the connection while no Prisma transaction is open on it (./sqlite-gate.ts). */
export type SqliteExclusive = <T>(fn: (client: SqliteClient) => Promise<T>) => Promise<T>;

export function sqliteSql(exclusive: SqliteExclusive): Sql {
  const bind = (v: SqlValue) => (v instanceof Date ? sqliteDate(v) : typeof v === 'boolean' ? Number(v) : v);
  const statements = new Map<string, ReturnType<SqliteClient['prepare']>>();
  const prepare = (client: SqliteClient, sql: string) => {
    const cached = statements.get(sql);
    if (cached) return cached;
    const stmt = client.prepare(sql);
    statements.set(sql, stmt);
    return stmt;
  };
  const on = (client: SqliteClient): SqlTx => ({
    all: async <T>(sql: string, params: SqlValue[] = []) => prepare(client, sql).all(...params.map(bind)) as T[],
    run: async (sql, params = []) => prepare(client, sql).run(...params.map(bind)).changes,
  });
  const transaction: Sql['transaction'] = (fn) =>
    exclusive(async (client) => {
      prepare(client, 'BEGIN').run();
      try {
        const result = await fn(on(client));
        prepare(client, 'COMMIT').run();
        return result;
      } catch (err) {
        if (client.inTransaction) prepare(client, 'ROLLBACK').run();
        throw err;
      }
    });
  return {
    provider: 'sqlite',
    transaction,
    grouped: groupCommit(transaction),
  };
}

/** The subset of pg's Pool used here. */
export interface PgPool {
  connect(): Promise<PgClient>;
}
interface PgClient {
  query(config: {
    text: string;
    values?: unknown[];
    types?: unknown;
  }): Promise<{ rows: Row[]; rowCount: number | null }>;
  release(err?: Error | boolean): void;
}

/** Timestamps come back as text and become UTC dates in sqlDate (pg would read them in the process's zone). */
const TIMESTAMP_OIDS = new Set([1114, 1184]);

/** pg's default type parser (pg.types.getTypeParser). */
// biome-ignore lint/suspicious/noExplicitAny: pg's own signature
type TypeParser = (oid: number, format?: any) => unknown;

export function postgresSql(pool: PgPool, defaultParser: TypeParser): Sql {
  const texts = new Map<string, string>();
  const numbered = (sql: string) => {
    let text = texts.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      texts.set(sql, text);
    }
    return text;
  };
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      TIMESTAMP_OIDS.has(oid) ? (s: string) => s : defaultParser(oid, format),
  };
  const bind = (v: SqlValue) => (v instanceof Date ? v.toISOString() : v);
  const on = (client: PgClient): SqlTx => ({
    all: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query({ text: numbered(sql), values: params.map(bind), types })).rows as T[],
    run: async (sql, params = []) =>
      (await client.query({ text: numbered(sql), values: params.map(bind), types })).rowCount ?? 0,
  });
  const withClient = async <T>(fn: (client: PgClient) => Promise<T>) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.release(broken && !('code' in broken) ? broken : undefined);
    }
  };
  const transaction: Sql['transaction'] = (fn) =>
    withClient(async (client) => {
      await client.query({ text: 'BEGIN' });
      try {
        const result = await fn(on(client));
        await client.query({ text: 'COMMIT' });
        return result;
      } catch (err) {
        await client.query({ text: 'ROLLBACK' }).catch(() => undefined);
        throw err;
      }
    });
  return {
    provider: 'postgresql',
    transaction,
    // PostgreSQL already shares one WAL flush between commits that arrive together from its connections;
    // grouping them on one connection here would only serialise their round trips (bench:intake: 222 msg/s
    // grouped against 422 msg/s on separate connections).
    grouped: transaction,
  };
}
