// Admin API speed with a city's worth of data, on SQLite and PostgreSQL.
// Usage: npm run bench:admin [-- --complaints 100000 --only sqlite|postgresql --postgres postgresql://…]
// Seeds complaints (3 inbound messages and 1 outbox row each) with the raw drivers in batches, then measures the server-side
// time (Fastify inject: routing, auth, queries, serialisation; no network) of the queue's first page, a
// full-text search, the complaint page and the dashboard. Targets: p95 < 100 ms, dashboard p95 < 300 ms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createWebAdapter } from '../adapters/web/index.js';
import { upsertUser } from '../src/app/auth.js';
import { createAppContext } from '../src/app/context.js';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../src/classifier/index.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedAgencies } from '../src/db/seed.js';
import { STATUSES } from '../src/domain/process.js';
import { percentile } from '../src/domain/statistics.js';
import { TRACKING_ALPHABET } from '../src/domain/tracking-id.js';
import { createHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { postgresWriter, type Row, sqliteWriter, type Writer, withTempPostgres } from './support/raw-writer.js';

const { values } = parseArgs({
  options: {
    complaints: { type: 'string', default: '100000' },
    only: { type: 'string' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(values.complaints);
// Loaded once up front: a retraining elsewhere may replace the model files while the seed runs.
const classifier = loadClassifier({ dir: 'data/models', threshold: DEFAULT_REVIEW_THRESHOLD });
const AGENCIES = ['DPUTR', 'DLH', 'DISHUB', 'DINKES', 'DISPERKIM', 'PDAM', 'DISDUKCAPIL', 'SATPOLPP'];
const CHANNELS = ['telegram', 'whatsapp', 'web', 'x'];
const WORDS = [
  'jalan berlubang parah di depan pasar kranggot',
  'lampu jalan mati sudah seminggu di jl ahmad yani',
  'sampah menumpuk di TPS tidak diangkut tiga hari',
  'air pdam mati dari subuh di perumahan bumi waringin',
  'gorong-gorong mampet dan banjir setiap hujan deras',
  'parkir liar di depan sekolah bikin macet',
  'antrean ktp-el di disdukcapil panjang sekali',
  'puskesmas tutup padahal jam pelayanan',
];
const ADMIN = { email: 'bench@cilegon.go.id', password: 'bench-admin-2026' };
const DAY = 86_400_000;

const suffix = (i: number) => {
  let s = '';
  for (let n = i, k = 0; k < 5; k++, n = Math.floor(n / TRACKING_ALPHABET.length)) {
    s = (TRACKING_ALPHABET[n % TRACKING_ALPHABET.length] ?? '2') + s;
  }
  return s;
};

/** Complaint n, created `(n / N)` of a year ago, with the decisions its status implies. */
function complaintRow(n: number, reporters: number, now: Date) {
  const createdAt = new Date(now.getTime() - (n / N) * 365 * DAY);
  const status = STATUSES[n % STATUSES.length] ?? 'received';
  const agency = AGENCIES[n % AGENCIES.length] ?? 'DPUTR';
  const assigned = ['forwarded', 'in_progress', 'resolved'].includes(status);
  const at = (ms: number) => new Date(createdAt.getTime() + ms);
  return {
    id: `c${n}`,
    trackingId: `CLG-261130-${suffix(n)}`,
    reporterId: `rep${n % reporters}`,
    channel: CHANNELS[n % CHANNELS.length] ?? 'web',
    replyAddress: `telegram:${n}`,
    text: `${WORDS[n % WORDS.length]} (laporan ${n}) ${WORDS[(n * 7) % WORDS.length]}`,
    status,
    privacy: 'named',
    suggestedAgency: agency,
    suggestionConfidence: 0.5 + (n % 50) / 100,
    needsReview: n % 3 === 0,
    assignedAgency: assigned ? agency : null,
    createdAt,
    updatedAt: createdAt,
    lastMessageAt: createdAt,
    verifyDueAt: at(3 * DAY),
    verifiedAt: status === 'received' ? null : at(((n % 70) + 1) * 3_600_000),
    forwardedAt: assigned ? at(2 * DAY) : null,
    followUpDueAt: assigned ? at(32 * DAY) : null,
    followedUpAt: status === 'in_progress' || status === 'resolved' ? at(5 * DAY) : null,
  };
}
type ComplaintRow = ReturnType<typeof complaintRow>;

/** The complaint's first message and two more, a minute apart. */
const messageRows = (n: number, c: ComplaintRow): Row[] =>
  [0, 1, 2].map((m) => ({
    id: `m${n}-${m}`,
    channel: c.channel,
    externalId: `${c.id}-${m}`,
    direction: 'inbound',
    reporterId: c.reporterId,
    complaintId: c.id,
    kind: 'text',
    text: m === 0 ? c.text : `tambahan ${m} untuk laporan ${n}`,
    payload: '{}',
    state: 'processed',
    attempts: 1,
    createdAt: new Date(c.createdAt.getTime() + m * 60_000),
  }));

/** The acknowledgement, sent. */
const ackRow = (n: number, c: ComplaintRow): Row => ({
  id: `o${n}`,
  dedupeKey: `ack:${c.id}`,
  channel: 'telegram',
  address: c.replyAddress,
  complaintId: c.id,
  kind: 'ack',
  text: `Terima kasih, laporan Anda sudah kami terima dengan nomor pelacakan ${c.trackingId}.`,
  status: 'sent',
  attempts: 1,
  nextAttemptAt: c.createdAt,
  createdAt: c.createdAt,
});

/** One batch of rows per table for complaints [from, to). */
function batch(from: number, to: number, reporters: number, now: Date): Record<string, Row[]> {
  const complaints: Row[] = [];
  const messages: Row[] = [];
  const outbox: Row[] = [];
  for (let n = from; n < to; n++) {
    const c = complaintRow(n, reporters, now);
    complaints.push(c);
    messages.push(...messageRows(n, c));
    outbox.push(ackRow(n, c));
  }
  return { Complaint: complaints, Message: messages, Outbox: outbox };
}

async function seed(writer: Writer, now: Date) {
  const t0 = Date.now();
  const reporters = Math.ceil(N / 5);
  const people = Array.from({ length: reporters }, (_, i) => ({
    id: `rep${i}`,
    displayName: `Warga ${i}`,
    privacy: 'named',
    blocked: false,
    createdAt: now,
    updatedAt: now,
  }));
  await writer.insert('Reporter', people);
  for (let i = 0; i < N; i += 5000) {
    const rows = batch(i, Math.min(N, i + 5000), reporters, now);
    for (const [table, list] of Object.entries(rows)) await writer.insert(table, list);
  }
  return (Date.now() - t0) / 1000;
}

const pct = (sorted: number[], p: number) => percentile(sorted, p) ?? 0;

async function run(label: string, url: string) {
  const database = await openDatabase(url);
  await migrate(database);
  await seedAgencies(database.db);
  const now = new Date();
  const writer = database.provider === 'sqlite' ? sqliteWriter(url.slice('file:'.length)) : await postgresWriter(url);
  const seconds = await seed(writer, now);
  await writer.close();
  console.log(`${label}: seeded ${N} complaints, ${3 * N} messages, ${N} outbox rows in ${seconds.toFixed(1)} s`);
  // Fresh statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would have after a day.
  await database.db.$executeRawUnsafe('ANALYZE');
  await upsertUser(database.db, { ...ADMIN, role: 'admin', name: 'Bench' });
  const ctx = createAppContext(loadConfig({}), {
    db: database.db,
    classifier,
    logger: createLogger('error'),
  });
  const http = await createHttpServer(ctx, createWebAdapter(), new Map(), {
    sessionTtlHours: 1,
    attachmentsDir: mkdtempSync(path.join(tmpdir(), 'bench-')),
    cookieSecure: false,
  });
  const login = await http.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
  const cookie = (login.headers['set-cookie']?.toString() ?? '').split(';')[0] ?? '';
  const cases: [string, (i: number) => string, number][] = [
    ['queue first page', () => '/api/complaints?limit=50', 200],
    ['queue: received, urgent', () => '/api/complaints?status=received&sort=urgent&limit=50', 200],
    [
      'full-text search',
      (i) =>
        `/api/complaints?q=${encodeURIComponent(['lampu mati', 'sampah', 'gorong banjir', 'KTP-el antrean'][i % 4] ?? '')}`,
      200,
    ],
    ['complaint page', (i) => `/api/complaints/CLG-261130-${suffix((i * 7919) % N)}`, 200],
    ['dashboard (30 days)', () => '/api/dashboard', 50],
  ];
  const rows: string[] = [];
  for (const [name, urlOf, n] of cases) {
    for (let i = 0; i < 5; i++) await http.inject({ method: 'GET', url: urlOf(i), headers: { cookie } });
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = process.hrtime.bigint();
      const res = await http.inject({ method: 'GET', url: urlOf(i), headers: { cookie } });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${label} | ${name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${pct(times, 99).toFixed(1)} |`,
    );
  }
  await http.close();
  await database.close();
  return rows;
}

const out = ['| database | request | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|'];
if (values.only !== 'postgresql') {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-admin-'));
  out.push(...(await run('SQLite', `file:${path.join(dir, 'bench.db')}`)));
}
if (values.only !== 'sqlite') {
  out.push(...(await withTempPostgres(values.postgres, (url) => run('PostgreSQL', url))));
}
console.log(out.join('\n'));
