// Intake throughput on SQLite and PostgreSQL, beside the raw driver doing the same writes in the same run.
// Usage: npm run bench:intake [-- --messages 2000 --concurrency 8 --postgres postgresql://…]
// The product: each message stored (raw payload, unique index), classified, reporter found or created, complaint
// opened with tracking ID, SLA clock and audit event, welcome and acknowledgement queued in the outbox. The raw
// baseline: the same rows written by better-sqlite3 / pg directly, one transaction per message (plus the
// autocommitted store), no classification, no checks. Prints rates, their ratio, CPU per message, latency
// percentiles, statements per message, which path took the messages, and RSS.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createIntake } from '../src/app/intake.js';
import type { IncomingMessage } from '../src/channels/contract.js';
import { sqlOf } from '../src/db/client.js';
import type { Sql, SqlTx } from '../src/db/sql.js';
import { benchContext } from './support/context.js';
import { withTempPostgres } from './support/raw-writer.js';
import { COMPLAINT_TEXTS as TEXTS } from './support/texts.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mib = () => (process.memoryUsage().rss / 1048576).toFixed(0);

const message = (i: number, run: string): IncomingMessage => ({
  channel: 'telegram',
  externalId: `${run}-${i}`,
  sender: { externalId: `${run}-s${i}`, displayName: 'Warga' },
  replyAddress: `telegram:${i}`,
  kind: 'text',
  text: `${TEXTS[i % TEXTS.length]} (${i})`,
  attachments: [],
  receivedAt: new Date(),
  raw: { update_id: i, message: { text: TEXTS[i % TEXTS.length] } },
});

/** Runs `work(i)` for i < N with CONCURRENCY in flight; returns rate, CPU per item and latencies. */
async function drive(work: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        await work(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return { rate: N / seconds, cpuMs: (cpu.user + cpu.system) / 1000 / N, latencies };
}

/** Counts statements sent through the product's plain-SQL access. */
function countStatements(sql: Sql) {
  const counter = { n: 0 };
  const wrap = <F extends (...a: never[]) => unknown>(f: F) =>
    ((...a: Parameters<F>) => {
      counter.n++;
      return f(...a);
    }) as F;
  const transaction = sql.transaction.bind(sql);
  const grouped = sql.grouped.bind(sql);
  const counted = (tx: SqlTx): SqlTx => ({ all: wrap(tx.all.bind(tx)), run: wrap(tx.run.bind(tx)) });
  sql.transaction = (fn) => transaction((tx) => fn(counted(tx)));
  sql.grouped = (fn) => grouped((tx) => fn(counted(tx)));

  return counter;
}

const NOW = () => new Date();
type Rows = [string, Record<string, unknown>][];
/** One message of the raw baseline: its number, the run, the time, and the ids its rows refer to. */
type Ids = { i: number; run: string; now: Date; message: string; reporter: string; complaint: string };

const reporterRows = ({ i, run, now, reporter }: Ids): Rows => [
  [
    'Reporter',
    { id: reporter, displayName: 'Warga', privacy: 'named', blocked: false, createdAt: now, updatedAt: now },
  ],
  [
    'ChannelIdentity',
    {
      id: randomUUID(),
      reporterId: reporter,
      channel: 'telegram',
      externalId: `${run}-s${i}`,
      address: `telegram:${i}`,
      displayName: 'Warga',
      lastInboundAt: now,
      createdAt: now,
    },
  ],
];

const complaintRows = ({ i, run, now, reporter, complaint }: Ids): Rows => [
  [
    'Complaint',
    {
      id: complaint,
      trackingId: `RAW-${run}-${i}`,
      reporterId: reporter,
      channel: 'telegram',
      replyAddress: `telegram:${i}`,
      text: TEXTS[i % 5],
      status: 'received',
      privacy: 'named',
      suggestedAgency: 'DPUPR',
      suggestionConfidence: 0.9,
      needsReview: false,
      classification: '{}',
      lastMessageAt: now,
      verifyDueAt: now,
      createdAt: now,
      updatedAt: now,
    },
  ],
  [
    'StatusEvent',
    {
      id: randomUUID(),
      complaintId: complaint,
      actor: 'system',
      action: 'receive',
      fromStatus: '',
      toStatus: 'received',
      createdAt: now,
    },
  ],
];

/** A pending reply; `complaintId` only on the acknowledgement, as the product writes them. */
const outboxRow = ({ i, now }: Ids, kind: string, dedupeKey: string, text: string, complaintId?: string) => ({
  id: randomUUID(),
  dedupeKey,
  channel: 'telegram',
  address: `telegram:${i}`,
  ...(complaintId ? { complaintId } : {}),
  kind,
  text,
  status: 'pending',
  attempts: 0,
  nextAttemptAt: now,
  createdAt: now,
});

const rowsFor = (i: number, run: string) => {
  const ids: Ids = { i, run, now: NOW(), message: randomUUID(), reporter: randomUUID(), complaint: randomUUID() };
  const store: Rows[number] = [
    'Message',
    {
      id: ids.message,
      channel: 'telegram',
      externalId: `${run}-${i}`,
      direction: 'inbound',
      kind: 'text',
      text: TEXTS[i % 5],
      payload: JSON.stringify(message(i, run)),
      state: 'received',
      attempts: 0,
      createdAt: ids.now,
    },
  ];
  const tx: Rows = [
    ...reporterRows(ids),
    ...complaintRows(ids),
    ['Outbox', outboxRow(ids, 'welcome', `welcome:${ids.reporter}`, 'Selamat datang')],
    ['Outbox', outboxRow(ids, 'ack', `ack:${ids.complaint}`, 'Terima kasih', ids.complaint)],
  ];
  return { store, tx, finish: ids.message };
};
const insertSql = (table: string, row: Record<string, unknown>, dollar: boolean) => {
  const cols = Object.keys(row);
  const marks = cols.map((_, k) => (dollar ? `$${k + 1}` : '?')).join(',');
  return `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES (${marks})`;
};
const FINISH = `UPDATE "Message" SET "state" = 'processed', "processedAt" = ?, "reporterId" = ?, "complaintId" = ? WHERE "id" = ?`;

type RawSqlite = { prepare(s: string): { run(...p: unknown[]): unknown }; exec(s: string): void; close(): void };
const SqliteDb = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => RawSqlite;

/** The raw baseline on SQLite: the same rows through better-sqlite3, one transaction per message. */
async function rawSqlite(file: string) {
  const db = new SqliteDb(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON');
  const v = (x: unknown) =>
    x instanceof Date ? x.toISOString().replace('Z', '+00:00') : typeof x === 'boolean' ? Number(x) : x;
  const cache = new Map<string, ReturnType<RawSqlite['prepare']>>();
  const stmt = (s: string) => {
    const cached = cache.get(s) ?? db.prepare(s);
    cache.set(s, cached);
    return cached;
  };
  const result = await drive(async (i) => {
    const r = rowsFor(i, 'raw');
    const [table, row] = r.store as [string, Record<string, unknown>];
    stmt(insertSql(table, row, false)).run(...Object.values(row).map(v));
    stmt('BEGIN').run();
    for (const [t, w] of r.tx) stmt(insertSql(t, w, false)).run(...Object.values(w).map(v));
    stmt(FINISH).run(v(NOW()), r.tx[0]?.[1].id, r.tx[2]?.[1].id, r.finish);
    stmt('COMMIT').run();
  });
  db.close();
  return result;
}

/** The raw baseline on PostgreSQL: the same rows through a pg pool, one transaction per message. */
async function rawPostgres(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const v = (x: unknown) => (x instanceof Date ? x.toISOString().replace('Z', '') : x);
  const dollars = (s: string) => {
    let k = 0;
    return s.replace(/\?/g, () => `$${++k}`);
  };
  const result = await drive(async (i) => {
    const r = rowsFor(i, 'raw');
    const [table, row] = r.store as [string, Record<string, unknown>];
    await pool.query(insertSql(table, row, true), Object.values(row).map(v));
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      for (const [t, w] of r.tx) await c.query(insertSql(t, w, true), Object.values(w).map(v));
      await c.query(dollars(FINISH), [v(NOW()), r.tx[0]?.[1].id, r.tx[2]?.[1].id, r.finish]);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  await pool.end();
  return result;
}

async function product(url: string) {
  const { database, ctx } = await benchContext(url);
  const intake = createIntake(ctx);
  const sql = sqlOf(database.db);
  const statements = sql ? countStatements(sql) : { n: Number.NaN };
  // Warm-up outside the measurement: the first classification loads the model's tables.
  for (let i = 0; i < 20; i++) await intake.ingest(message(i, 'warm'));
  statements.n = 0;
  const before = { ...intake.paths };
  const result = await drive((i) => intake.ingest(message(i, 'bench')));
  const complaints = await database.db.complaint.count({ where: { trackingId: { not: { startsWith: 'RAW' } } } });
  const paths = { fast: intake.paths.fast - before.fast, full: intake.paths.full - before.full };
  await database.close();
  return { ...result, statements: statements.n / N, complaints: complaints - 20, paths };
}

function report(label: string, p: Awaited<ReturnType<typeof product>>, raw: Awaited<ReturnType<typeof drive>>) {
  const l = p.latencies;
  console.log(
    [
      `${label}: ${N} messages, ${CONCURRENCY} in flight`,
      `  product: ${p.rate.toFixed(0)} msg/s, ${p.cpuMs.toFixed(2)} ms CPU/msg, latency p50 ${pct(l, 50).toFixed(1)} / p95 ${pct(l, 95).toFixed(1)} / p99 ${pct(l, 99).toFixed(1)} ms`,
      `           ${p.statements.toFixed(1)} plain-SQL statements/msg; paths: ${p.paths.fast} fast, ${p.paths.full} full; ${p.complaints} complaints`,
      `  raw driver, same writes: ${raw.rate.toFixed(0)} msg/s, ${raw.cpuMs.toFixed(2)} ms CPU/msg, p50 ${pct(raw.latencies, 50).toFixed(1)} / p99 ${pct(raw.latencies, 99).toFixed(1)} ms`,
      `  ratio product/raw: ${((100 * p.rate) / raw.rate).toFixed(0)}%`,
      `  RSS ${mib()} MiB`,
    ].join('\n'),
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'kanal-bench-'));
const sqliteUrl = `file:${path.join(dir, 'bench.db')}`;
const sqliteProduct = await product(sqliteUrl);
report('SQLite', sqliteProduct, await rawSqlite(path.join(dir, 'bench.db')));
try {
  await withTempPostgres(values.postgres, async (url) => {
    const p = await product(url);
    report('PostgreSQL', p, await rawPostgres(url));
  });
} catch (err) {
  console.log(`PostgreSQL: skipped (${err instanceof Error ? err.message : String(err)})`);
}
