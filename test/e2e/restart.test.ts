// "Killing the process while outbox messages are pending and starting it again delivers every one of them."
// The real CLI runs as a child process against a fake Telegram that is down (HTTP 500) during the first run.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, eventually } from '../support/runtime.js';
import { fakeTelegramAndDatabase } from '../support/telegram-runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

function startCli(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'start'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DOTENV_CONFIG_QUIET: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /kanal-aduan is running: (http:\/\/[^/\s]+)/.exec(err);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

describe.each(providers)('crash and restart on %s', (provider) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await fake?.close();
    await database?.drop();
  });

  it('delivers every pending outbox message after a SIGKILL and a restart', async () => {
    let env: Record<string, string>;
    ({ fake, database, env } = await fakeTelegramAndDatabase(provider, {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OUTBOX_CRON: '*/1 * * * * *',
      // A killed worker's claimed rows return after the lease; keep it short here.
      OUTBOX_LEASE_SECONDS: '5',
    }));
    fake.failNext('sendMessage', { status: 500 }, 1_000);
    const first = await startCli(env);
    children.push(first.child);
    for (const chat of [501, 502, 503]) {
      fake.pushUpdate(
        fake.textUpdate(chat, `Lampu jalan mati di RT 0${chat - 500} Kelurahan Ramanuju sejak minggu lalu`),
      );
    }
    const { db, close } = await openDatabase(database.url);
    await eventually(async () => (await db.outbox.count({ where: { attempts: { gt: 0 } } })) === 6, 15_000);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(await db.outbox.count({ where: { status: 'sent' } })).toBe(0);
    expect(fake.sent).toHaveLength(0);

    fake.clearFaults('sendMessage');
    // Make the retries due now rather than after their backoff, as time passing would.
    await db.outbox.updateMany({ data: { nextAttemptAt: new Date() } });
    const second = await startCli(env);
    children.push(second.child);
    // Each reporter is owed a welcome and an acknowledgement: six messages, none lost, none twice.
    const sent = await fake.waitForSent(6, 20_000);
    const acks = sent.filter((m) => m.text?.includes('sudah kami terima dengan nomor pelacakan'));
    expect(new Set(acks.map((m) => String(m.chat_id)))).toEqual(new Set(['501', '502', '503']));
    expect(acks).toHaveLength(3);
    await eventually(async () => (await db.outbox.count({ where: { status: 'sent' } })) === 6);
    // Once the process has stopped (a graceful stop finishes what it started), nothing more can be sent.
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    expect(fake.sent).toHaveLength(6);
    await close();
  }, 60_000);
});
