// Speed of the duplicate-candidates query with a city's worth of complaints, on SQLite and PostgreSQL.
// Usage: npm run bench:duplicates -- --scale [--complaints 100000 --only sqlite|postgresql --postgres postgresql://…]
// Seeds complaints spread over a year (texts from the labelled reports and the classifier corpus, 40% open,
// a third with coordinates) with the raw drivers, then times duplicateCandidates() for 50 open complaints:
// the three prefiltered reads, preparing and scoring the rows read. Prints p50/p95 and rows read.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppContext } from '../src/app/context.js';
import { duplicateCandidates, duplicateModel } from '../src/app/duplicate-candidates.js';
import type { SessionUser } from '../src/app/roles.js';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../src/classifier/index.js';
import { loadTrainingCorpus } from '../src/classifier/runtime/corpus.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedAgencies } from '../src/db/seed.js';
import { percentile } from '../src/domain/statistics.js';
import { createLogger } from '../src/logger.js';
import { loadReports } from './duplicate-eval.js';
import { postgresWriter, type Row, sqliteWriter, withTempPostgres } from './support/raw-writer.js';

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

const pct = (xs: number[], p: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p * 100,
  ) ?? 0;

/** Seeds `n` complaints into a fresh database of `provider` and times the candidates query. */
export async function runScale(provider: 'sqlite' | 'postgresql', n: number, postgresAdmin: string) {
  if (provider === 'postgresql') return withTempPostgres(postgresAdmin, (url) => measure(url, provider, n));
  return measure(`file:${path.join(mkdtempSync(path.join(tmpdir(), 'dup-bench-')), 'bench.db')}`, provider, n);
}

async function measure(url: string, provider: 'sqlite' | 'postgresql', n: number) {
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
}
