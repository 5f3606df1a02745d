// Issue #14: on SQLite every statement shares one connection, so a write made outside a transaction used to
// join whichever transaction was open and vanish with its rollback. These tests hold a transaction open, write
// beside it, fail the transaction, and check the outside write survived, on SQLite and PostgreSQL alike.
import { describe, expect, it } from 'vitest';
import { createIntake } from '../../src/app/intake.js';
import type { Classifier } from '../../src/classifier/types.js';
import { sharedContextIfAvailable, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS } from '../support/databases.js';

/** Lets the event loop turn enough times for a query issued now to reach the database driver. */
async function settle(turns = 50) {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/** The real classifier, but `hook` runs first on every text (to fail a transaction, or to act inside it). */
function hooked(real: Classifier, hook: (text: string) => void): Classifier {
  return {
    get version() {
      return real.version;
    },
    classify(text) {
      hook(text);
      return real.classify(text);
    },
  };
}

describe.each(PROVIDERS)('transaction isolation on %s', (provider) => {
  let t: TestContext;
  sharedContextIfAvailable(provider, (fresh) => {
    t = fresh;
  });

  it('keeps a row written outside a transaction when that transaction rolls back (the reproduction)', async (c) => {
    if (!t) return c.skip();
    const db = t.database.db;
    let outsideDone!: () => void;
    const outside = new Promise<void>((r) => {
      outsideDone = r;
    });
    const failed = await db
      .$transaction(async (tx) => {
        await tx.keyValue.create({ data: { key: 'inside', value: '1' } });
        void db.keyValue.create({ data: { key: 'outside', value: '1' } }).then(() => outsideDone());
        // On SQLite the outside write now waits for the transaction; on PostgreSQL it runs on another connection.
        await Promise.race([outside, settle()]);
        throw new Error('rollback');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('rollback');
    await outside;
    const keys = (await db.keyValue.findMany({ select: { key: true } })).map((r) => r.key);
    expect(keys).toContain('outside');
    expect(keys).not.toContain('inside');
  });

  it('recovers when COMMIT itself fails: the transaction is rolled back and later statements run', async (c) => {
    if (!t || provider !== 'sqlite') return c.skip();
    const db = t.database.db;
    // A deferred foreign key is checked at COMMIT, so COMMIT fails (Prisma then never calls commit()).
    const error = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.attachment.create({ data: { complaintId: 'no-such-complaint', kind: 'photo' } });
      })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    await db.keyValue.create({ data: { key: 'after-failed-commit', value: '1' } });
    expect(await db.attachment.count({ where: { complaintId: 'no-such-complaint' } })).toBe(0);
    expect(await db.keyValue.count({ where: { key: 'after-failed-commit' } })).toBe(1);
  });

  it('keeps a message stored while another message is being processed in a transaction that fails', async (c) => {
    if (!t) return c.skip();
    const second = textMessage('iso-b', 'Lampu jalan di Jl. Sudirman mati sejak minggu lalu');
    let secondStored!: () => void;
    const secondRowWritten = new Promise<void>((r) => {
      secondStored = r;
    });
    let secondIngest: Promise<{ messageId?: string }> | null = null;
    // The real intake on a client that fails the first message's transaction right after its complaint insert,
    // once another webhook has stored its message (or, with the fix, has tried to).
    const db = t.ctx.db.$extends({
      query: {
        message: {
          async create({ args, query }) {
            const row = await query(args);
            if (args.data.externalId === second.externalId) secondStored();
            return row;
          },
        },
        complaint: {
          async create({ args, query }) {
            const row = await query(args);
            if (args.data.text.includes('GAGAL')) {
              secondIngest ??= intake.ingest(second);
              await Promise.race([secondRowWritten, settle()]);
              throw new Error('processing failed on purpose');
            }
            return row;
          },
        },
      },
    }) as unknown as typeof t.ctx.db;
    const intake = createIntake({ ...t.ctx, db });
    const first = await intake.ingest(textMessage('iso-a', 'GAGAL jalan berlubang di depan pasar Kranggot'));
    expect(first.duplicate).toBe(false);
    const stored = await (secondIngest as unknown as Promise<{ messageId: string }>);
    const rows = await t.ctx.db.message.findMany({
      where: { id: { in: [first.messageId as string, stored.messageId] } },
      select: { id: true, state: true, complaintId: true },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(first.messageId as string)?.state).toBe('failed');
    expect(byId.get(stored.messageId)?.state).toBe('processed');
    expect(byId.get(stored.messageId)?.complaintId).toBeTruthy();
  });

  it('stores 1,000 messages from 16 concurrent callers while a tenth of the transactions fail: none lost, each processed once', async (c) => {
    if (!t) return c.skip();
    const failedOnce = new Set<string>();
    const intake = createIntake({
      ...t.ctx,
      classifier: hooked(t.ctx.classifier, (text) => {
        const mark = /#gagal-(\d+)/.exec(text)?.[1];
        if (mark && !failedOnce.has(mark)) {
          failedOnce.add(mark);
          throw new Error('processing failed on purpose');
        }
      }),
    });
    const N = 1000;
    const messages = Array.from({ length: N }, (_, i) =>
      textMessage(
        `load-${i}`,
        `Sampah menumpuk di RT ${i % 20} kelurahan Jombang${i % 10 === 0 ? ` #gagal-${i}` : ''}`,
      ),
    );
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < N) {
          const msg = messages[next++] as (typeof messages)[number];
          const r = await intake.ingest(msg);
          if (!r.duplicate) ids.push(r.messageId);
        }
      }),
    );
    expect(ids).toHaveLength(N);
    expect(failedOnce.size).toBe(N / 10);
    // Every stored message is still there; the failed tenth waits for the recovery job. (Filters by text: SQLite
    // takes at most 999 parameters, fewer than the ids.)
    const ours = { direction: 'inbound', text: { contains: 'kelurahan Jombang' } };
    const failed = await t.ctx.db.message.findMany({ where: { ...ours, state: 'failed' }, select: { id: true } });
    expect(failed).toHaveLength(N / 10);
    for (const { id } of failed) await intake.process(id);

    const rows = await t.ctx.db.message.findMany({ where: ours, select: { id: true, state: true, complaintId: true } });
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(rows.filter((r) => r.state !== 'processed' || !r.complaintId)).toEqual([]);
    const complaintIds = new Set(rows.map((r) => r.complaintId));
    expect(complaintIds.size).toBe(N);
    const [acks, receiveEvents] = await Promise.all([
      t.ctx.db.outbox.findMany({ where: { kind: 'ack' }, select: { complaintId: true } }),
      t.ctx.db.statusEvent.findMany({ where: { action: 'receive' }, select: { complaintId: true } }),
    ]);
    // Exactly one acknowledgement and one "received" event per complaint: nothing processed twice.
    expect(acks.filter((a) => complaintIds.has(a.complaintId))).toHaveLength(N);
    expect(receiveEvents.filter((e) => complaintIds.has(e.complaintId))).toHaveLength(N);
  }, 240_000);
});
