// Group commit (src/db/group-commit.ts) on the real databases: concurrent callers share commits, one caller's
// failure undoes only its own writes, and nobody is answered before the commit that holds their work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, sqlOf } from '../../src/db/client.js';
import type { Sql } from '../../src/db/sql.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { migratedDatabase } from '../support/migrated-database.js';
import { shutDown } from '../support/teardown.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const INSERT = `INSERT INTO "KeyValue" ("key", "value", "updatedAt") VALUES (?, ?, ?)`;

describe.each(providers)('group commit on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  let sql: Sql;
  beforeAll(async () => {
    ({ test, database } = await migratedDatabase(provider));
    sql = sqlOf(database.db) as Sql;
  });
  afterAll(() => shutDown(database, test));

  /** Group commit over the database's own transactions, counting how many it opens. */
  const countingGroupCommit = async () => {
    const opened = { transactions: 0 };
    const transaction = sql.transaction.bind(sql);
    const { groupCommit } = await import('../../src/db/group-commit.js');
    const grouped = groupCommit((fn) => {
      opened.transactions++;
      return transaction(fn);
    });
    return { grouped, opened };
  };
  const count = async (prefix: string) => database.db.keyValue.count({ where: { key: { startsWith: prefix } } });

  it('shares commits between concurrent callers and answers each after its work is durable', async () => {
    const { grouped, opened } = await countingGroupCommit();
    const done = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        grouped(async (tx) => {
          await tx.run(INSERT, [`g1-${i}`, 'v', new Date()]);
          return i;
        }).then(async (i) => ({ i, visible: (await database.db.keyValue.count({ where: { key: `g1-${i}` } })) === 1 })),
      ),
    );
    expect(done.every((d) => d.visible)).toBe(true);
    expect(await count('g1-')).toBe(50);
    // The first caller commits alone; the 49 that arrived meanwhile share one commit.
    expect(opened.transactions).toBeLessThanOrEqual(3);
  });

  it('groups callers that arrive in separate callbacks of one event-loop turn, as webhook requests do', async () => {
    const { grouped, opened } = await countingGroupCommit();
    // Ten requests read in one turn: each handler runs in its own callback, after the previous one returned.
    const done = await new Promise<number[]>((resolve) => {
      const answers: Promise<number>[] = [];
      for (let i = 0; i < 10; i++)
        setImmediate(() => {
          answers.push(
            grouped(async (tx) => {
              await tx.run(INSERT, [`g0-${i}`, 'v', new Date()]);
              return i;
            }),
          );
          if (answers.length === 10) resolve(Promise.all(answers));
        });
    });
    expect(done).toEqual([...Array(10).keys()]);
    expect(await count('g0-')).toBe(10);
    expect(opened.transactions).toBe(1);
  });

  it("undoes only the failing caller's writes", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        sql.grouped(async (tx) => {
          await tx.run(INSERT, [`g2-${i}`, 'v', new Date()]);
          // The same key again: a unique violation, after this caller already wrote its first row.
          if (i % 3 === 0) await tx.run(INSERT, [`g2-${i}`, 'again', new Date()]);
          return i;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? 'rejected' : 'fulfilled')),
    );
    const kept = await database.db.keyValue.findMany({
      where: { key: { startsWith: 'g2-' } },
      orderBy: { key: 'asc' },
    });
    expect(kept.map((k) => k.key).sort()).toEqual(['g2-1', 'g2-2', 'g2-4', 'g2-5', 'g2-7', 'g2-8']);
  });

  it('rejects every caller of a commit that fails, keeping nothing of theirs', async () => {
    const { groupCommit } = await import('../../src/db/group-commit.js');
    const failingCommit = groupCommit(async (fn) =>
      sql.transaction(async (tx) => {
        await fn(tx);
        throw new Error('disk full');
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => failingCommit((tx) => tx.run(INSERT, [`g3-${i}`, 'v', new Date()]))),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await count('g3-')).toBe(0);
  });
});
