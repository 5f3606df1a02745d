// Group commit: callers that arrive in the same turn of the event loop, or while a commit is being flushed to
// disk, share the next one. On this machine a durable SQLite commit costs about 2.2 ms of fsync (WAL with
// synchronous=FULL), which alone caps one-commit-per-message intake near 450 messages/s; grouped, ten webhooks
// cost one flush. Each caller's work runs in its own savepoint, so one caller's failure undoes only its own
// writes; every caller resolves (or rejects) only after the shared commit, so "stored" still means durable.
import type { SqlTx } from './sql.js';

type Transaction = <T>(fn: (tx: SqlTx) => Promise<T>) => Promise<T>;
type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };
interface Job {
  fn: (tx: SqlTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** Most callers in one commit: bounds how long the first of them waits for the last. */
const MAX_GROUP = 64;

export function groupCommit(transaction: Transaction) {
  const queue: Job[] = [];
  let flushing = false;

  async function runAlone(tx: SqlTx, job: Job, outcomes: Outcome[]) {
    outcomes.push({ ok: true, value: await job.fn(tx) });
  }

  async function runInSavepoint(tx: SqlTx, job: Job, outcomes: Outcome[]) {
    await tx.run('SAVEPOINT grouped');
    try {
      const value = await job.fn(tx);
      await tx.run('RELEASE SAVEPOINT grouped');
      outcomes.push({ ok: true, value });
    } catch (err) {
      await tx.run('ROLLBACK TO SAVEPOINT grouped');
      await tx.run('RELEASE SAVEPOINT grouped');
      outcomes.push({ ok: false, err });
    }
  }

  async function flush() {
    flushing = true;
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      const outcomes: Outcome[] = [];
      try {
        // One caller alone needs no savepoint: its failure rolls back the transaction, which holds only its work.
        const step = group.length === 1 ? runAlone : runInSavepoint;
        await transaction(async (tx) => {
          for (const job of group) await step(tx, job, outcomes);
        });
        group.forEach((job, i) => {
          const o = outcomes[i] as Outcome;
          if (o.ok) job.resolve(o.value);
          else job.reject(o.err);
        });
      } catch (err) {
        for (const job of group) job.reject(err);
      }
    }
    flushing = false;
  }

  return <T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (flushing) return;
      // Start on the next turn of the event loop, not now: requests that arrived together are read in one
      // turn, each in its own callback, and the driver's commit is synchronous, so a flush started at once
      // would finish before the next request's callback ran and nothing would ever be grouped.
      flushing = true;
      setImmediate(() => void flush());
    });
}
