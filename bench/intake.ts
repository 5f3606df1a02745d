// Intake and outbox throughput on SQLite and PostgreSQL.
// Usage: npm run bench:intake [-- --messages 2000 --concurrency 8 --postgres postgresql://…]
// Prints messages ingested per second (store + classify + complaint + acknowledgement in the outbox),
// latency percentiles per message, outbox rows sent per second through an in-process channel, and memory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createAppContext } from '../src/app/context.js';
import { createIntake } from '../src/app/intake.js';
import type { ChannelAdapter, IncomingMessage } from '../src/channels/contract.js';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../src/classifier/index.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedAgencies } from '../src/db/seed.js';
import { percentile as nearestRank } from '../src/domain/statistics.js';
import { createLogger } from '../src/logger.js';
import { DEFAULT_RETRY_POLICY } from '../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../src/outbox/worker.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(values.messages);
const CONCURRENCY = Number(values.concurrency);
const TEXTS = [
  'Jalan berlubang di depan SDN 3 Jombang sudah dua bulan',
  'lampu jalan mati di jl ahmad yani udh seminggu',
  'sampah numpuk di TPS Kebondalem gak diangkut 3 hari',
  'air pdam mati dari subuh di perum bumi waringin',
  'Mohon bantuan, KTP-el saya belum jadi sejak tiga bulan',
];

const percentile = (sorted: number[], p: number) => nearestRank(sorted, p) ?? 0;

async function run(label: string, url: string) {
  const database = await openDatabase(url);
  await migrate(database);
  await seedAgencies(database.db);
  const ctx = createAppContext(loadConfig({}), {
    db: database.db,
    classifier: loadClassifier({ dir: 'data/models', threshold: DEFAULT_REVIEW_THRESHOLD }),
    logger: createLogger('error'),
  });
  const intake = createIntake(ctx);
  const message = (i: number): IncomingMessage => ({
    channel: 'telegram',
    externalId: `bench-${i}`,
    sender: { externalId: `s${i}` },
    replyAddress: `telegram:${i}`,
    kind: 'text',
    text: `${TEXTS[i % TEXTS.length]} (${i})`,
    attachments: [],
    receivedAt: new Date(),
    raw: { i },
  });
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const s = performance.now();
        await intake.ingest(message(i));
        latencies.push(performance.now() - s);
      }
    }),
  );
  const ingestSeconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const complaints = await database.db.complaint.count();

  const channel: ChannelAdapter = {
    name: 'telegram',
    start: async () => {},
    stop: async () => {},
    send: async () => ({ platformMessageId: randomBytes(4).toString('hex') }),
  };
  const worker = createOutboxWorker({
    db: database.db,
    adapters: new Map([['telegram', channel]]),
    policy: DEFAULT_RETRY_POLICY,
    batchSize: 50,
    leaseMs: 60_000,
    logger: createLogger('error'),
  });
  const t1 = performance.now();
  const drained = await worker.drain();
  const drainSeconds = (performance.now() - t1) / 1000;
  const mem = process.memoryUsage();
  console.log(
    [
      `${label}: ${N} messages, concurrency ${CONCURRENCY}`,
      `  ingest: ${(N / ingestSeconds).toFixed(0)} msg/s; latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ${complaints} complaints`,
      `  outbox: ${drained.sent} sent in ${drainSeconds.toFixed(2)} s = ${(drained.sent / drainSeconds).toFixed(0)} rows/s (claim + send + record attempt)`,
      `  memory: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MiB`,
    ].join('\n'),
  );
  await database.close();
}

const dir = mkdtempSync(path.join(tmpdir(), 'kanal-bench-'));
await run('SQLite', `file:${path.join(dir, 'bench.db')}`);
const name = `ka_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: values.postgres });
try {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  await run('PostgreSQL', url.toString());
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
} catch (err) {
  console.log(`PostgreSQL: skipped (${err instanceof Error ? err.message : String(err)})`);
} finally {
  await admin.end().catch(() => undefined);
}
