// Speed of the duplicate-candidates query with a city's worth of complaints, on SQLite and PostgreSQL.
// Usage: npm run bench:duplicates -- --scale [--complaints 100000 --only sqlite|postgresql --postgres postgresql://…]
// Seeds complaints spread over a year (texts from the labelled reports and the classifier corpus, 40% open,
// a third with coordinates) with the raw drivers, then times duplicateCandidates() for 50 open complaints:
// the three prefiltered reads, preparing and scoring the rows read. Prints p50/p95 and rows read.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createAppContext } from '../src/app/context.js';
import { duplicateCandidates, duplicateModel } from '../src/app/duplicate-candidates.js';
import type { SessionUser } from '../src/app/roles.js';
import { loadTrainingCorpus } from '../src/classifier/corpus.js';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../src/classifier/index.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedAgencies } from '../src/db/seed.js';
import { createLogger } from '../src/logger.js';
import { loadReports } from './duplicate-eval.js';

type Row = Record<string, string | number | boolean | Date | null>;
const DAY = 86_400_000;
const CLOSED = ['resolved', 'rejected', 'referred', 'archived'];
const OPEN = ['received', 'verified', 'forwarded', 'in_progress', 'on_hold'];
const AGENCIES = ['DPUTR', 'DLH', 'DISHUB', 'DINKES', 'DISPERKIM', 'PDAM', 'DISDUKCAPIL', 'SATPOLPP'];

/** Complaint rows [from, to): a deterministic mix of texts, statuses, agencies and places. */
function complaints(from: number, to: number, n: number, texts: string[], now: Date): Row[] {
  const rows: Row[] = [];
  for (let i = from; i < to; i++) {
    const createdAt = new Date(now.getTime() - (i / n) * 365 * DAY);
    const open = i % 5 < 2;
    const agency = AGENCIES[i % AGENCIES.length] ?? 'DPUTR';
    const located = i % 3 === 0;
    rows.push({
      id: `c${i}`,
      trackingId: `CLG-BENCH-${i}`,
      reporterId: 'rep0',
      channel: ['telegram', 'whatsapp', 'web', 'x'][i % 4] ?? 'web',
      replyAddress: `telegram:${i}`,
      text: texts[i % texts.length] ?? '',
      status: (open ? OPEN[i % OPEN.length] : CLOSED[i % CLOSED.length]) ?? 'received',
      privacy: 'named',
      suggestedAgency: agency,
      assignedAgency: open && i % 2 ? agency : null,
      latitude: located ? -6.0 - ((i * 7919) % 600) / 10_000 : null,
      longitude: located ? 106.0 + ((i * 104_729) % 900) / 10_000 : null,
      needsReview: false,
      createdAt,
      updatedAt: createdAt,
      lastMessageAt: createdAt,
    });
  }
  return rows;
}

interface Writer {
  insert(table: string, rows: Row[]): Promise<void>;
  close(): Promise<void>;
}
interface RawSqlite {
  prepare(sql: string): { run(params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}
const SqliteDb = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => RawSqlite;
const insertSql = (table: string, cols: string[], values: string) =>
  `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) VALUES ${values}`;

function sqliteWriter(file: string): Writer {
  const db = new SqliteDb(file);
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

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
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

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

/** Seeds `n` complaints into a fresh database of `provider` and times the candidates query. */
export async function runScale(provider: 'sqlite' | 'postgresql', n: number, postgresAdmin: string) {
  let url = `file:${path.join(mkdtempSync(path.join(tmpdir(), 'dup-bench-')), 'bench.db')}`;
  let drop = async () => {};
  if (provider === 'postgresql') {
    const name = `dup_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresAdmin });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    url = postgresAdmin.replace(/\/[^/]*$/, `/${name}`);
    drop = async () => {
      const a = new pg.Client({ connectionString: postgresAdmin });
      await a.connect();
      await a.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const database = await openDatabase(url);
  await migrate(database);
  await seedAgencies(database.db);
  const now = new Date('2026-11-30T00:00:00Z');
  const texts = [...loadReports().map((r) => r.text), ...loadTrainingCorpus().map((e) => e.text)];
  const writer = provider === 'sqlite' ? sqliteWriter(url.slice('file:'.length)) : await postgresWriter(url);
  const t0 = performance.now();
  await writer.insert('Reporter', [{ id: 'rep0', privacy: 'named', blocked: false, createdAt: now, updatedAt: now }]);
  for (let i = 0; i < n; i += 5000)
    await writer.insert('Complaint', complaints(i, Math.min(n, i + 5000), n, texts, now));
  await writer.close();
  console.log(`${provider}: seeded ${n} complaints in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ctx = createAppContext(loadConfig({}), {
    db: database.db,
    classifier: loadClassifier({ dir: 'data/models', threshold: DEFAULT_REVIEW_THRESHOLD }),
    logger: createLogger('silent'),
  });
  const admin: SessionUser = { id: 'u', email: 'bench@cilegon.go.id', name: 'Bench', role: 'admin', agencyCode: null };
  duplicateModel();
  const times: number[] = [];
  let found = 0;
  for (let k = 0; k < 50; k++) {
    // Open complaints spread over the year (i % 5 < 2 are open).
    const i = (k * 1999 * 5) % n;
    const started = performance.now();
    found += (await duplicateCandidates(ctx, admin, `CLG-BENCH-${i - (i % 5)}`)).length;
    times.push(performance.now() - started);
  }
  console.log(
    `  duplicate-candidates over 50 complaints: p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ${found} suggestions`,
  );
  await database.close();
  await drop();
}
