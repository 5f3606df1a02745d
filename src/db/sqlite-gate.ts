// SQLite keeps one connection per process (better-sqlite3 is synchronous, and a second connection would block
// the whole event loop on the write lock). On one connection, BEGIN ... COMMIT covers every statement sent in
// between, from whichever caller: Prisma's adapter serialises transactions against each other but lets a query
// made outside a transaction run while one is open, so that query joins the transaction and is rolled back with
// it (issue #14: a message acknowledged as stored disappeared when another message's processing failed).
//
// The gate below closes that hole at the driver-adapter level, where "inside" and "outside" are distinct objects:
// a transaction holds the gate from BEGIN until COMMIT/ROLLBACK, and every statement outside a transaction waits
// for the gate. Statements inside the transaction go through the Transaction object and never wait.
//
// Chosen over a second connection for transactions because a second better-sqlite3 connection waiting for the
// write lock blocks synchronously (busy_timeout), freezing the event loop the open transaction needs to finish.
// Cost measured with bench/intake.ts: one resolved promise per statement outside a transaction.
//
// Consequence for callers: inside `db.$transaction(async (tx) => ...)` use `tx` only. A query on the outer
// client from inside the callback waits for the transaction to end, which waits for the query: it fails
// when the transaction times out. PostgreSQL has no such trap (a pool of connections), so tests on SQLite are
// the ones that catch it.
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { SqliteClient, SqliteExclusive } from './sql.js';

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/** A FIFO mutex: `acquire` resolves with a release function once every earlier holder has released. */
export function createGate() {
  let tail: Promise<void> = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      const ready = tail.then(() => once(release));
      tail = tail.then(() => held);
      return ready;
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

/**
 * Wraps the better-sqlite3 adapter factory so work outside a transaction never runs inside one. `onConnect`
 * receives a way to use the connection directly (./sql.ts) under the same gate.
 */
export function gatedSqlite(factory: Factory, onConnect?: (exclusive: SqliteExclusive) => void): Factory {
  const wrap = async (adapter: Adapter): Promise<Adapter> => {
    const { gated, exclusive } = gatedAdapter(adapter);
    onConnect?.(<T>(fn: (client: SqliteClient) => Promise<T>) =>
      exclusive(() => fn((adapter as unknown as { client: SqliteClient }).client)),
    );
    return gated;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect().then(wrap),
    connectToShadowDb: () => factory.connectToShadowDb().then(wrap),
  } as Factory;
}

function gatedAdapter(inner: Adapter) {
  const gate = createGate();
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await gate.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };
  const gated = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => exclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => exclusive(() => inner.executeRaw(query)),
    executeScript: (script) => exclusive(() => inner.executeScript(script)),
    async startTransaction(isolationLevel) {
      const release = await gate.acquire();
      try {
        return gatedTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (err) {
        release();
        throw err;
      }
    },
    dispose: () => exclusive(() => inner.dispose()),
  } as Adapter;
  return { gated, exclusive };
}

/**
 * The transaction's own statements pass straight through; ending it opens the gate. Prisma ends a transaction
 * with `executeRaw(COMMIT)` then `commit()`, and skips `commit()` when COMMIT throws: then the connection is
 * rolled back here and the gate opened, so one failed COMMIT cannot leave every later statement waiting.
 */
function gatedTransaction(tx: Transaction, release: () => void): Transaction {
  const end = async (finish: () => Promise<void>) => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    async executeRaw(query) {
      try {
        return await tx.executeRaw(query);
      } catch (err) {
        if (/^\s*COMMIT\b/i.test(query.sql)) {
          await end(async () => {
            await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => 0);
            await tx.rollback();
          });
        } else if (/^\s*ROLLBACK\b/i.test(query.sql)) {
          await end(() => tx.rollback());
        }
        throw err;
      }
    },
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
  } as Transaction;
}
