// One schema, two providers: the derived PostgreSQL schema is up to date, both providers have the same
// migrations, and applying the checked-in migrations gives exactly the database the current schema describes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSql, derivePostgresSchema, schemaPaths } from '../../scripts/prisma-lib.mjs';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate, splitStatements } from '../../src/db/migrate.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const opened: { database: Database; test: TestDatabase }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.database.close();
    await o.test.drop();
  }
});

async function open(provider: (typeof PROVIDERS)[number]) {
  const test = await freshDatabase(provider);
  const database = await openDatabase(test.url);
  opened.push({ database, test });
  return database;
}

/**
 * Full-text search lives outside schema.prisma (Prisma cannot model it): migration 0006 adds SQLite's FTS5
 * table "ComplaintSearch" with its shadow tables (_data, _idx, _docsize, _config) and PostgreSQL's expression
 * GIN index "Complaint_search_idx". A database built from the schema alone has neither, so both are ignored.
 */
const FULL_TEXT_SEARCH = /^(ComplaintSearch|index sqlite_autoindex_ComplaintSearch_|index Complaint_search_idx$)/;

/** Tables, columns (name, type, nullability) and index names, as the database itself reports them. */
async function catalog(database: Database): Promise<string[]> {
  const { db, provider } = database;
  if (provider === 'sqlite') {
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(
      "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_kanal_migrations' ORDER BY name",
    );
    const out: string[] = [];
    for (const { name } of tables) {
      const cols = await db.$queryRawUnsafe<{ name: string; type: string; notnull: bigint | number }[]>(
        `SELECT name, type, "notnull" FROM pragma_table_info('${name}')`,
      );
      for (const c of cols) out.push(`${name}.${c.name} ${c.type} ${Number(c.notnull) ? 'NOT NULL' : 'NULL'}`);
      const idx = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_index_list('${name}')`);
      for (const i of idx) out.push(`index ${i.name}`);
    }
    return out.filter((line) => !FULL_TEXT_SEARCH.test(line)).sort();
  }
  const cols = await db.$queryRawUnsafe<{ t: string; c: string; ty: string; n: string }[]>(
    `SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty, is_nullable::text AS n FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_kanal_migrations'`,
  );
  const idx = await db.$queryRawUnsafe<{ i: string }[]>(
    "SELECT indexname::text AS i FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_kanal_migrations'",
  );
  return [
    ...cols.map((r) => `${r.t}.${r.c} ${r.ty} ${r.n === 'YES' ? 'NULL' : 'NOT NULL'}`),
    ...idx.map((r) => `index ${r.i}`),
  ]
    .filter((line) => !FULL_TEXT_SEARCH.test(line))
    .sort();
}

describe('schema sources', () => {
  it('the PostgreSQL schema is exactly the one derived from prisma/schema.prisma', () => {
    const derived = derivePostgresSchema(readFileSync(schemaPaths.sqlite, 'utf8'));
    expect(readFileSync(schemaPaths.postgresql, 'utf8')).toBe(derived);
  });

  it('both providers have the same migrations, in the same order', () => {
    const names = (p: string) => readdirSync(path.join('prisma', 'migrations', p)).sort();
    expect(names('postgresql')).toEqual(names('sqlite'));
    expect(names('sqlite').length).toBeGreaterThan(0);
  });
});

describe.each(providers)('migrations on %s', (provider) => {
  it('a migrated database equals a database created from the current schema', async () => {
    const migrated = await open(provider);
    expect(await migrate(migrated)).not.toHaveLength(0);
    const direct = await open(provider);
    for (const statement of splitStatements(createSql(provider))) await direct.db.$executeRawUnsafe(statement);
    expect(await catalog(migrated)).toEqual(await catalog(direct));
  });

  it('is idempotent and refuses an edited migration', async () => {
    const database = await open(provider);
    await migrate(database);
    expect(await migrate(database)).toEqual([]);
    await database.db.$executeRawUnsafe(`UPDATE "_kanal_migrations" SET "checksum" = 'edited'`);
    await expect(migrate(database)).rejects.toThrow(/changed after it was applied/);
  });

  // SQLite is the embedded, single-instance mode; several instances run on PostgreSQL.
  it.runIf(provider === 'postgresql')('several instances migrating at once end with one schema', async () => {
    const test = await freshDatabase(provider);
    const instances = await Promise.all([openDatabase(test.url), openDatabase(test.url), openDatabase(test.url)]);
    for (const database of instances) opened.push({ database, test: { ...test, drop: async () => {} } });
    opened.push({ database: await openDatabase(test.url), test });
    const applied = await Promise.all(instances.map((d) => migrate(d)));
    expect(applied.flat()).toHaveLength(readdirSync(path.join('prisma', 'migrations', provider)).length);
  });
});
