// Soak: 2-3 real instances (`node bin/kanal-aduan.js start`, each its own port) on one fresh PostgreSQL
// database, the fake Telegram Bot API and WhatsApp Cloud API as the platforms, and a steady mixed load
// (Telegram webhook, WhatsApp webhook, web form) spread over the instances for --minutes. Halfway through one
// instance gets SIGTERM (graceful stop under load) and is started again. At the end it checks that every
// accepted message was stored once, every complaint acknowledged once, nothing sent twice or left behind, and
// prints each instance's RSS (every 10 s: start, middle, end, slope) and CPU, with the machine's load average.
// Usage: npm run bench:soak [-- --minutes 10 --instances 3 --rate 20]
//        npm run bench:soak -- --messages 100000 [--concurrency 8] [--database URL]   (RSS after N messages)
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { type FakeTelegram, startFakeTelegram } from '../test/fakes/telegram-bot-api.js';
import { type FakeWhatsAppCloud, startFakeWhatsAppCloud } from '../test/fakes/whatsapp-cloud.js';
import { createInstance, type Instance, rssSlope, type Sample } from './soak-instances.js';
import { driveLoad, newStats, TELEGRAM_SECRET } from './soak-load.js';
import { verify, waitForOutbox } from './soak-verify.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    instances: { type: 'string', default: '3' },
    rate: { type: 'string', default: '20' },
    messages: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    database: { type: 'string' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

async function createDatabase(adminUrl: string) {
  const name = `ka_soak_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function describeSamples(name: string, samples: Sample[], seconds: number) {
  if (samples.length === 0) return `  ${name}: no samples`;
  const first = samples[0] as Sample;
  const last = samples.at(-1) as Sample;
  const mid = samples[Math.floor(samples.length / 2)] as Sample;
  const max = Math.max(...samples.map((s) => s.rssMiB));
  const span = last.t - first.t;
  // Medians of each third of the run: a GC moves single samples by tens of MiB, a leak moves every third up.
  const third = (k: number) => {
    const part = samples.slice(Math.floor((k * samples.length) / 3), Math.floor(((k + 1) * samples.length) / 3));
    const sorted = part.map((x) => x.rssMiB).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  const cpuPct = span > 0 ? ((last.cpuS - first.cpuS) / span) * 100 : Number.NaN;
  return (
    `  ${name.padEnd(14)} RSS ${fmt(first.rssMiB)} -> ${fmt(mid.rssMiB)} -> ${fmt(last.rssMiB)} MiB ` +
    `(t=${fmt(first.t)}/${fmt(mid.t)}/${fmt(last.t)} s, max ${fmt(max)}), ` +
    `medians by third ${fmt(third(0))}/${fmt(third(1))}/${fmt(third(2))} MiB, ` +
    `slope after the first minute ${fmt(rssSlope(samples, Math.min(first.t + 60, seconds)), 2)} MiB/min, ` +
    `CPU ${fmt(last.cpuS, 1)} s (${fmt(cpuPct)}% of a core over ${fmt(span)} s)`
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WA_SECRETS = { appSecret: 'soak-app-secret', accessToken: 'soak-access-token' };

/** The instances' environment (on top of the bench's own): one database, both platforms in webhook mode. */
function instanceEnv(dbUrl: string, logDir: string, tg: FakeTelegram, wa: FakeWhatsAppCloud, count: number) {
  return {
    DATABASE_URL: dbUrl,
    HOST: '127.0.0.1',
    DATA_DIR: logDir,
    LOG_LEVEL: 'warn',
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    WHATSAPP_MODE: 'cloud',
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_ACCESS_TOKEN: WA_SECRETS.accessToken,
    WHATSAPP_APP_SECRET: WA_SECRETS.appSecret,
    WHATSAPP_VERIFY_TOKEN: 'soak-verify-token',
    WHATSAPP_GRAPH_BASE_URL: wa.url,
    // The platforms' limits are per bot / per number: each instance takes its share (see docs/deployment.md).
    TELEGRAM_SEND_PER_SECOND: String(30 / count),
    WHATSAPP_SEND_PER_SECOND: String(80 / count),
    // Every load request comes from 127.0.0.1: the per-address limit of the form would refuse the bench.
    RATE_LIMIT_REPORTS_PER_MINUTE: '1000000',
    // Webhook mode needs an https address to register; the fake Bot API accepts any.
    PUBLIC_BASE_URL: 'https://lapor.soak.example',
  };
}

/** Reads every instance's RSS and CPU and the machine's load average now and every 10 s until `stop`. */
function startSampling(instances: Instance[], seconds: () => number) {
  const loads: { t: number; load: number[] }[] = [];
  const sampleAll = () => {
    for (const x of instances) x.sample(seconds());
    loads.push({ t: seconds(), load: loadavg() });
  };
  sampleAll();
  const timer = setInterval(sampleAll, 10_000);
  return {
    loads,
    stop() {
      sampleAll();
      clearInterval(timer);
    },
  };
}

/** Halfway: graceful stop of one instance under load, then the same instance starts again. */
async function restartHalfway(victim: Instance, duration: number, seconds: () => number) {
  await sleep(duration / 2);
  const stopped = await victim.stop();
  const at = seconds();
  await sleep(5_000);
  await victim.start();
  return { ...stopped, at, back: seconds() };
}

type Platforms = { tg: FakeTelegram; wa: FakeWhatsAppCloud };

/** The load for `minutes` with the restart halfway, then the wait for the outbox to empty. */
async function runLoad(instances: Instance[], { tg, wa }: Platforms, dbUrl: string, minutes: number, rate: number) {
  const t0 = Date.now();
  const seconds = () => (Date.now() - t0) / 1000;
  const sampling = startSampling(instances, seconds);
  const stats = newStats();
  const duration = minutes * 60_000;
  const victim = instances[Math.min(1, instances.length - 1)] as Instance;
  const restart = restartHalfway(victim, duration, seconds);
  const sentTotal = await driveLoad({
    perSecond: rate,
    instances,
    telegram: tg,
    whatsapp: wa,
    run: randomInt(1, 900),
    until: () => Date.now() - t0 >= duration,
    stats,
  });
  const loadSeconds = seconds();
  const restarted = await restart;
  const drainMs = await waitForOutbox(dbUrl, 120_000);
  sampling.stop();
  return { stats, sentTotal, loadSeconds, victim, restarted, drainMs, loads: sampling.loads };
}
type LoadRun = Awaited<ReturnType<typeof runLoad>>;
type Stop = Awaited<ReturnType<Instance['stop']>>;

/** The load's rates and latencies, and how the stops under load and at the end went. */
function printLoad({ stats, sentTotal, loadSeconds, victim, restarted, drainMs }: LoadRun, stops: Stop[]) {
  const accepted = stats.accepted.telegram + stats.accepted.whatsapp + stats.accepted.web;
  const lat = [...stats.latenciesMs].sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? 0;
  console.log(
    `\nload: ${sentTotal} messages in ${fmt(loadSeconds)} s (${fmt(accepted / loadSeconds, 1)}/s accepted: ` +
      `${JSON.stringify(stats.accepted)}); request latency incl. redirects p50 ${pct(50)} ms, p99 ${pct(99)} ms, ` +
      `max ${lat.at(-1) ?? 0} ms; redirected to another instance ${stats.redirected}; statuses ${JSON.stringify(stats.statuses)}`,
  );
  console.log(
    `graceful stop under load: ${victim.name} at ${fmt(restarted.at)} s exited ${restarted.code} after ` +
      `${restarted.ms} ms, ready again at ${fmt(restarted.back)} s; outbox empty ${fmt(drainMs / 1000, 1)} s after the load; ` +
      `final stops: ${stops.map((s) => `${s.ms} ms (exit ${s.code})`).join(', ')}`,
  );
}

/** Each instance's memory and CPU (one line per process it ran as), and the machine's load average. */
function printMachine(instances: Instance[], { loads, loadSeconds }: LoadRun) {
  const mid = loads[Math.floor(loads.length / 2)];
  console.log('memory and CPU (RSS sampled every 10 s):');
  for (const x of instances) {
    for (const [k, s] of x.previous.entries()) console.log(describeSamples(`${x.name}#${k + 1}`, s, loadSeconds));
    console.log(
      describeSamples(x.previous.length ? `${x.name}#${x.previous.length + 1}` : x.name, x.samples, loadSeconds),
    );
  }
  console.log(
    `load average (1 min): start ${fmt(loads[0]?.load[0] ?? 0, 2)}, middle ${fmt(mid?.load[0] ?? 0, 2)}, ` +
      `end ${fmt(loads.at(-1)?.load[0] ?? 0, 2)} (other engineers' tests share the machine)`,
  );
}
/** Migrates the database once, then starts `count` instances on it, one after another. */
async function startInstances(env: Record<string, string>, count: number, log: NodeJS.WritableStream) {
  // Migrations once, before any instance starts, as docs/deployment.md says.
  execFileSync(process.execPath, [path.join(ROOT, 'bin/kanal-aduan.js'), 'migrate'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const basePort = 3300 + randomInt(0, 500) * 3;
  const instances: Instance[] = Array.from({ length: count }, (_, k) =>
    createInstance(`instance-${k + 1}`, basePort + k, env, log),
  );
  try {
    for (const x of instances) await x.start();
  } catch (err) {
    // Leave no instance running behind a failed start (they would hold their ports and the database).
    await Promise.all(instances.map((x) => x.stop()));
    throw err;
  }
  return instances;
}

async function soak() {
  const minutes = Number(values.minutes);
  const count = Number(values.instances);
  const rate = Number(values.rate);
  process.stderr.write('checking the build (scripts/build-if-stale.mjs)...\n');
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { stdio: 'inherit', cwd: ROOT });
  const db = await createDatabase(values.postgres);
  const platforms = { tg: await startFakeTelegram(), wa: await startFakeWhatsAppCloud(WA_SECRETS) };
  const logDir = mkdtempSync(path.join(tmpdir(), 'kanal-soak-'));
  const log = createWriteStream(path.join(logDir, 'instances.log'));
  const env = instanceEnv(db.url, logDir, platforms.tg, platforms.wa, count);
  const instances = await startInstances(env, count, log);
  console.log(
    `${count} instances on ${db.url.replace(/\/\/[^@]*@/, '//')} (${cpus().length} cores), ${rate} messages/s for ` +
      `${minutes} min; instance logs: ${logDir}/instances.log`,
  );
  const run = await runLoad(instances, platforms, db.url, minutes, rate);
  const verdict = await verify(db.url, run.stats, platforms.tg, platforms.wa);
  const stops: Stop[] = [];
  for (const x of instances) stops.push(await x.stop());
  await platforms.tg.close();
  await platforms.wa.close();
  log.end();
  await db.drop();
  printLoad(run, stops);
  printMachine(instances, run);
  console.log(verdict.lines.join('\n'));
  console.log(verdict.ok ? 'SOAK PASSED' : 'SOAK FAILED');
  process.exitCode = verdict.ok ? 0 : 1;
}

if (values.messages) {
  const { runMessages } = await import('./soak-messages.js');
  await runMessages(Number(values.messages), Number(values.concurrency), values.database);
} else {
  await soak();
}
