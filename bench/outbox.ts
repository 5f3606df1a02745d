// A burst of replies through the real outbox worker and the real Telegram adapter (telegraf) against a local
// Bot API that enforces Telegram's documented limits the strict way: at most 30 messages in any sliding second
// per bot, at most 3 in any sliding second per chat; anything more is answered 429 with retry_after.
// Usage: npm run bench:outbox [-- --replies 10000 --chats 5000 --postgres postgresql://… --only postgres]
//   [--latency 100]  (the Bot API answers that many ms after it counted the send: a far-away platform)
// Prints the send rate against the limit, 429s received, failed rows, time to drain, the most sends the
// platform had in flight, CPU per reply (the whole process, the fake Bot API included), RSS and the machine's
// load average (other work on the machine steals the CPU the pacing needs).
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTelegramAdapter } from '../adapters/telegram/index.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createRateLimiter } from '../src/outbox/rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from '../src/outbox/retry-policy.js';
import { createOutboxWorker } from '../src/outbox/worker.js';
import { withTempPostgres } from './support/raw-writer.js';

const { values } = parseArgs({
  options: {
    replies: { type: 'string', default: '3000' },
    chats: { type: 'string', default: '1500' },
    postgres: { type: 'string' },
    only: { type: 'string' },
    latency: { type: 'string', default: '0' },
  },
});
const REPLIES = Number(values.replies);
const CHATS = Number(values.chats);
const LATENCY_MS = Number(values.latency);
const TOKEN = '7000000001:AAFakeTokenForKanalAduanBench_0123456';

/** The Bot API's sendMessage with strict sliding-window limits; counts what it accepted and refused. */
function startStrictBotApi() {
  const botWindow: number[] = [];
  const chatWindows = new Map<string, number[]>();
  const stats = { accepted: 0, refused: 0, first: 0, last: 0, inFlight: 0, maxInFlight: 0 };
  const within = (times: number[], now: number) => {
    while (times.length > 0 && (times[0] as number) <= now - 1000) times.shift();
    return times.length;
  };
  const server = http.createServer((req, res) => {
    stats.maxInFlight = Math.max(stats.maxInFlight, ++stats.inFlight);
    res.on('finish', () => stats.inFlight--);
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const method = req.url?.split('/').pop();
      const send = (status: number, payload: unknown) => {
        const answer = () => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        };
        if (LATENCY_MS > 0) setTimeout(answer, LATENCY_MS);
        else answer();
      };
      if (method !== 'sendMessage') return send(200, { ok: true, result: { id: 7000000001, is_bot: true } });
      const { chat_id: chat, text } = JSON.parse(body) as { chat_id: string; text: string };
      const now = performance.now();
      const chatTimes = chatWindows.get(String(chat)) ?? [];
      chatWindows.set(String(chat), chatTimes);
      if (within(botWindow, now) >= 30 || within(chatTimes, now) >= 3) {
        stats.refused++;
        return send(429, {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests: retry after 1',
          parameters: { retry_after: 1 },
        });
      }
      botWindow.push(now);
      chatTimes.push(now);
      stats.accepted++;
      stats.first ||= now;
      stats.last = now;
      send(200, {
        ok: true,
        result: { message_id: stats.accepted, date: 0, chat: { id: chat, type: 'private' }, text },
      });
    });
  });
  return new Promise<{ url: string; stats: typeof stats; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, stats, close: () => server.close() });
    }),
  );
}

async function run(label: string, url: string) {
  const database = await openDatabase(url);
  await migrate(database);
  const rows = Array.from({ length: REPLIES }, (_, i) => ({
    dedupeKey: `bench:${i}`,
    channel: 'telegram',
    address: `telegram:${100_000 + (i % CHATS)}`,
    kind: 'status',
    text: `Pembaruan laporan CLG-261130-${String(i).padStart(4, '0')}: sedang ditindaklanjuti.`,
    nextAttemptAt: new Date(Date.now() - 1000),
  }));
  for (let i = 0; i < rows.length; i += 500) await database.db.outbox.createMany({ data: rows.slice(i, i + 500) });
  const api = await startStrictBotApi();
  const adapter = createTelegramAdapter({ token: TOKEN, apiRoot: api.url }, createLogger('silent'));
  const config = loadConfig({});
  const worker = createOutboxWorker({
    db: database.db,
    adapters: new Map([['telegram', adapter]]),
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.outbox.maxAttempts },
    batchSize: 100,
    leaseMs: 60_000,
    logger: createLogger('silent'),
    limiter: createRateLimiter(config.outbox.rates),
  });
  const load0 = loadavg()[0] as number;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (;;) {
    await worker.drain();
    const open = await database.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const load1 = loadavg()[0] as number;
  const failed = await database.db.outbox.count({ where: { status: 'failed' } });
  const sendingSeconds = (api.stats.last - api.stats.first) / 1000;
  const rate = (api.stats.accepted - 1) / sendingSeconds;
  console.log(
    [
      `${label}: ${REPLIES} replies to ${CHATS} chats, limit 30/s per bot, 3 per sliding second per chat, answers after ${LATENCY_MS} ms`,
      `  sent ${api.stats.accepted} in ${seconds.toFixed(1)} s; rate ${rate.toFixed(2)}/s = ${((rate / 30) * 100).toFixed(1)}% of the limit`,
      `  429 responses: ${api.stats.refused}; failed rows: ${failed}; most in flight at the Bot API: ${api.stats.maxInFlight}`,
      `  cpu ${((cpu.user + cpu.system) / 1000 / api.stats.accepted).toFixed(2)} ms per reply (process, fake Bot API included)`,
      `  load average (1 min, 2 cores) ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end`,
      `  memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
    ].join('\n'),
  );
  await worker.settle();
  api.close();
  await database.close();
}

if (values.only !== 'postgres') {
  await run('SQLite', `file:${path.join(mkdtempSync(path.join(tmpdir(), 'kanal-outbox-')), 'bench.db')}`);
}
if (values.postgres && values.only !== 'sqlite') {
  await withTempPostgres(values.postgres, (url) => run('PostgreSQL', url));
}
