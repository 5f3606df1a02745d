// The product's public doors under load: the Telegram webhook, the WhatsApp Cloud webhook (signed) and the web
// form (POST /lapor), driven by a bounded load generator (a fixed number of connections, each sending its next
// request when the previous one is answered) against the real runtime on SQLite and PostgreSQL. Replies go to the
// local fake platforms of test/fakes, so the outbox works as in production while the doors are measured.
// The product runs in its own process from the build (bench/support/http-server.mjs under plain `node` with
// `npm start`'s flags); this process holds the load generator and the fake platforms, so the figures are the
// server's and not the generator's.
// Usage: npm run bench:http [-- --requests 3000 --connections 10 --databases sqlite,postgres
//                              --postgres postgresql://… --cpu-prof DIR]
// Prints per door: requests/s, latency p50/p95/p99, non-2xx answers, how long intake took after the last answer
// to process everything accepted, the server's CPU per request (answer and processing) and its RSS; then
// complaints made and the server's RSS before and after a full GC.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from '../src/domain/statistics.js';
import { type FakeTelegram, startFakeTelegram } from '../test/fakes/telegram-bot-api.js';
import {
  type FakeWhatsAppCloud,
  startFakeWhatsAppCloud,
  WHATSAPP_GRAPH_API_VERSION,
} from '../test/fakes/whatsapp-cloud.js';
import { withTempPostgres } from './support/raw-writer.js';
import { START_FLAGS } from './support/start-flags.js';
import { COMPLAINT_TEXTS as TEXTS } from './support/texts.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    connections: { type: 'string', default: '10' },
    doors: { type: 'string', default: 'telegram,whatsapp,web' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    // A folder for V8 CPU profiles of the server process (one per database), to see where its time goes.
    'cpu-prof': { type: 'string' },
  },
});
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const SECRET = 'bench-webhook-secret';
const WA = { accessToken: 'bench-token', appSecret: 'bench-app-secret' };
const mib = (bytes: number) => (bytes / 1048576).toFixed(0);
const pct = (sorted: number[], p: number) => (percentile(sorted, p) ?? 0).toFixed(1);

type Req = { path: string; headers: Record<string, string>; body: string };
/** What bench/support/http-server.mjs answers to 'settle' and to 'finish'. */
type Settled = { settleMs: number; cpuMs: number; rssMiB: number };
type ServerReport = {
  complaints: number;
  rssMiB: number;
  rssAfterGcMiB: number;
} & Record<'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;

/** One POST over a keep-alive agent; resolves with the status once the answer is read. */
function post(agent: http.Agent, url: URL, r: Req): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: r.path, method: 'POST', headers: r.headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Sends REQUESTS requests over CONNECTIONS keep-alive connections, each waiting for its previous answer. */
async function load(base: string, make: (i: number) => Req) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const url = new URL(base);
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < REQUESTS) {
        const r = make(next++);
        const s = performance.now();
        const status = await post(agent, url, r);
        latencies.push(performance.now() - s);
        if (status >= 400 || status === 0) failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return `${(REQUESTS / seconds).toFixed(0)} req/s, p50 ${pct(latencies, 50)} / p95 ${pct(latencies, 95)} / p99 ${pct(latencies, 99)} ms, ${failed} failed`;
}

type Platforms = { tg: FakeTelegram; wa: FakeWhatsAppCloud };

/** The server's environment: both chat doors in webhook mode, replies to the fake platforms. */
function benchEnv(databaseUrl: string, { tg, wa }: Platforms): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    ADMIN_EMAIL: 'admin@bench.example',
    ADMIN_PASSWORD: 'bench-password-123',
    RATE_LIMIT_REPORTS_PER_MINUTE: '1000000',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    WHATSAPP_MODE: 'cloud',
    WHATSAPP_GRAPH_BASE_URL: wa.url,
    WHATSAPP_GRAPH_API_VERSION,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: WA.accessToken,
    WHATSAPP_APP_SECRET: WA.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'bench-verify',
    PUBLIC_BASE_URL: 'https://lapor.example.go.id',
  };
}

/** The next message the server sends after `request` (none: just the next one). */
function ask<T>(server: ChildProcess, request?: string): Promise<T> {
  const answer = new Promise<T>((resolve, reject) => {
    server.once('message', (m) => resolve(m as T));
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  if (request) server.send(request);
  return answer;
}

/** Starts the product in its own process and waits until it listens. */
async function startServer(env: NodeJS.ProcessEnv) {
  const server = fork(new URL('./support/http-server.mjs', import.meta.url), {
    execArgv: [...START_FLAGS, ...(values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [])],
    env,
  });
  const { url } = await ask<{ url: string }>(server);
  return { server, url };
}

/** Each door with the i-th request to it; every request comes from a new citizen (the first four texts). */
function doors({ tg, wa }: Platforms, run: string): [string, (i: number) => Req][] {
  return [
    [
      'telegram webhook',
      (i) => ({
        path: '/webhooks/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ update_id: 10_000_000 + i, ...tg.textUpdate(1_000_000 + i, `${TEXTS[i % 4]} (${i})`) }),
      }),
    ],
    [
      'whatsapp webhook',
      (i) => {
        const from = `62812${String(i).padStart(7, '0')}`;
        const { rawBody, headers } = wa.signedWebhook(wa.textWebhook({ from, body: `${TEXTS[i % 4]} (${i})` }));
        return { path: '/webhooks/whatsapp', headers, body: rawBody };
      },
    ],
    [
      'web form',
      (i) => ({
        path: '/lapor',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          submissionId: `${run}${randomBytes(16).toString('base64url')}`,
          text: `${TEXTS[i % 4]} (${i})`,
        }).toString(),
      }),
    ],
  ];
}

async function run(label: string, databaseUrl: string) {
  const platforms = { tg: await startFakeTelegram(), wa: await startFakeWhatsAppCloud(WA) };
  const { server, url } = await startServer(benchEnv(databaseUrl, platforms));
  console.log(`${label}: ${REQUESTS} requests per door, ${CONNECTIONS} connections, server in its own process`);
  const chosen = doors(platforms, randomBytes(3).toString('hex')).filter(([name]) =>
    values.doors.split(',').some((d) => name.startsWith(d)),
  );
  const started = await ask<Settled>(server, 'settle');
  console.log(`  server RSS at start ${started.rssMiB.toFixed(0)} MiB`);
  let cpuBefore = started.cpuMs;
  for (const [name, make] of chosen) {
    const figures = await load(url, make);
    const settled = await ask<Settled>(server, 'settle');
    const perRequest = (settled.cpuMs - cpuBefore) / REQUESTS;
    cpuBefore = settled.cpuMs;
    console.log(
      `  ${name}: ${figures}; intake caught up ${(settled.settleMs / 1000).toFixed(1)} s after the last answer; server CPU ${perRequest.toFixed(2)} ms/request; RSS ${settled.rssMiB.toFixed(0)} MiB`,
    );
  }
  const r = await ask<ServerReport>(server, 'finish');
  console.log(
    `  ${r.complaints} complaints; server RSS ${r.rssMiB.toFixed(0)} MiB, ${r.rssAfterGcMiB.toFixed(0)} MiB after a full GC (V8 heap ${mib(r.heapUsed)} used of ${mib(r.heapTotal)}, external ${mib(r.external)}, array buffers ${mib(r.arrayBuffers)} MiB)`,
  );
  await new Promise((resolve) => server.once('exit', resolve));
  await platforms.tg.close();
  await platforms.wa.close();
}

// The server runs the build, as production does: rebuild it first if a source changed since.
execFileSync(process.execPath, [new URL('../scripts/build-if-stale.mjs', import.meta.url).pathname], {
  stdio: 'inherit',
});
const databases = values.databases.split(',');
if (databases.includes('sqlite')) {
  await run('SQLite', `file:${path.join(mkdtempSync(path.join(tmpdir(), 'kanal-http-')), 'bench.db')}`);
}
if (databases.includes('postgres')) {
  try {
    await withTempPostgres(values.postgres, (url) => run('PostgreSQL', url));
  } catch (err) {
    console.log(`PostgreSQL: skipped (${err instanceof Error ? err.message : String(err)})`);
  }
}
