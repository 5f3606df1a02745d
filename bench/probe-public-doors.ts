// Probes the public doors of a real server, as an attacker would, on 127.0.0.1 only, bounded in count and time.
// Usage: npm run probe:doors [-- --seconds 4 --flood 16]
// Starts the product on a temporary SQLite database with the default limits, then prints: tracking lookups/s
// before and after the per-address limit is reached (and across many addresses), form posts/s, how failed
// logins are slowed, and how long a real admin's login takes during a 16-way login flood.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../src/classifier/index.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { startRuntime } from '../src/runtime.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '4' }, flood: { type: 'string', default: '16' } },
});
const SECONDS = Math.min(Number(values.seconds), 30);
const FLOOD = Math.min(Number(values.flood), 64);
const MAX_REQUESTS = 2_000;
const ADMIN = { email: 'admin@cilegon.go.id', password: 'probe-admin-password-2026' };

const dir = mkdtempSync(path.join(tmpdir(), 'kanal-aduan-probe-'));
const config = loadConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dir,
  DATABASE_URL: `file:${path.join(dir, 'probe.db')}`,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  LOG_LEVEL: 'silent',
});
const rt = await startRuntime(config, {
  classifier: loadClassifier({ dir: config.classifier.modelDir, threshold: DEFAULT_REVIEW_THRESHOLD }),
  logger: createLogger('silent'),
  jobs: false,
});
const base = rt.url;
if (!new URL(base).hostname.startsWith('127.')) throw new Error(`refusing to probe ${base}: 127.0.0.1 only`);

let addressSeq = 0;
/** A distinct client address per caller, told to the server the way a local reverse proxy does. */
const address = () => `10.${(++addressSeq >> 16) & 255}.${(addressSeq >> 8) & 255}.${addressSeq & 255}`;
const randomId = () =>
  `CLG-261128-${randomBytes(4)
    .toString('hex')
    .toUpperCase()
    .replace(/[^A-Z2-9]/g, 'K')}`;
const rate = (n: number, ms: number) => (ms > 0 ? ((n * 1000) / ms).toFixed(0) : '-');

/** Sends requests one after another until `max` or the time is up; returns statuses with their times. */
async function sequential(max: number, request: () => Promise<Response>) {
  const out: { status: number; ms: number }[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  while (out.length < max && Date.now() < deadline) {
    const t = performance.now();
    const r = await request();
    await r.arrayBuffer();
    out.push({ status: r.status, ms: performance.now() - t });
  }
  return out;
}

/** Rates of the answers before the first 429 and of the 429s after it. */
function split(label: string, answers: { status: number; ms: number }[]) {
  const first429 = answers.findIndex((a) => a.status === 429);
  const before = first429 < 0 ? answers : answers.slice(0, first429);
  const after = first429 < 0 ? [] : answers.slice(first429);
  const sum = (xs: { ms: number }[]) => xs.reduce((s, x) => s + x.ms, 0);
  console.log(
    `${label}: ${before.length} answered at ${rate(before.length, sum(before))}/s until the limit; ` +
      `then ${after.filter((a) => a.status === 429).length} refused (429) at ${rate(after.length, sum(after))}/s`,
  );
}

const lookup = (from?: string) => () =>
  fetch(`${base}/api/public/complaints/${randomId()}`, { headers: from ? { 'x-forwarded-for': from } : {} });
const post = (from?: string) => () =>
  fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({
      submissionId: randomBytes(16).toString('base64url'),
      text: 'Jalan rusak di depan Pasar Blok F.',
    }),
  });
const login = (email: string, password: string, from: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });

async function lookups() {
  const one = address();
  split(
    `Tracking lookups, one address (limit ${config.rateLimits.lookupsPerMinute}/min)`,
    await sequential(MAX_REQUESTS, lookup(one)),
  );
  const many = await sequential(MAX_REQUESTS, () => lookup(address())());
  const ms = many.reduce((s, x) => s + x.ms, 0);
  console.log(
    `Tracking lookups, a new address each time (limit never reached): ${rate(many.length, ms)}/s (${many.length} requests)`,
  );
}

async function posts() {
  const one = address();
  split(`Form posts, one address (limit ${config.rateLimits.reportsPerMinute}/min)`, await sequential(200, post(one)));
  const many = await sequential(200, () => post(address())());
  const ms = many.reduce((s, x) => s + x.ms, 0);
  const filed = many.filter((a) => a.status === 201 || a.status === 202).length;
  console.log(`Form posts, a new address each time (limit never reached): ${rate(many.length, ms)}/s, ${filed} filed`);
}

async function failedLogins() {
  const from = address();
  const answers: string[] = [];
  for (let i = 0; i < 9; i++) {
    // Another account than the admin's: the account's own throttle would otherwise block the flood phase.
    const r = await login('petugas.tebakan@cilegon.go.id', `salah-${i}`, from);
    answers.push(r.status === 429 ? `429 (retry after ${r.headers.get('retry-after')} s)` : String(r.status));
  }
  console.log(`Wrong passwords in a row on one account from one address: ${answers.join(', ')}`);
  const other = await login('petugas.tebakan@cilegon.go.id', 'salah-lagi', address());
  console.log(`The same account from another address right after: ${other.status} (the account itself is slowed)`);
}

async function flood() {
  let stop = false;
  const counts = new Map<number, number>();
  const attackers = Array.from({ length: FLOOD }, async () => {
    const from = address();
    let n = 0;
    while (!stop && n < MAX_REQUESTS) {
      const r = await login(`tamu${randomBytes(3).toString('hex')}@contoh.id`, 'tebakan', from);
      await r.arrayBuffer();
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      n++;
    }
  });
  const times: number[] = [];
  const adminFrom = address();
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 6));
    const t = performance.now();
    const r = await login(ADMIN.email, ADMIN.password, adminFrom);
    await r.arrayBuffer();
    times.push(performance.now() - t);
    if (r.status !== 200) console.log(`  real admin login answered ${r.status}`);
  }
  stop = true;
  await Promise.all(attackers);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const seconds = (performance.now() - t0) / 1000;
  const statuses = [...counts].map(([s, n]) => `${s}: ${n}`).join(', ');
  console.log(
    `Login flood, ${FLOOD} attackers on unknown accounts: ${(total / seconds).toFixed(0)} attempts/s answered (${statuses})`,
  );
  console.log(
    `Real admin logins during the flood: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')} (max ${Math.max(...times).toFixed(0)} ms)`,
  );
}

async function quietLogin() {
  const t = performance.now();
  await (await login(ADMIN.email, ADMIN.password, address())).arrayBuffer();
  console.log(`Real admin login with no flood: ${(performance.now() - t).toFixed(0)} ms`);
}

try {
  console.log(`Probing ${base} (SQLite, default limits, ${SECONDS} s per phase at most)`);
  await lookups();
  await posts();
  await quietLogin();
  await failedLogins();
  await flood();
} finally {
  await rt.stop();
  rmSync(dir, { recursive: true, force: true });
}
