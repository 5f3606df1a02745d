// Graceful shutdown of one of several instances on one database, through the real product: real HTTP, the
// real telegraf client against the fake Bot API behind a proxy that holds sends in flight. The stopping
// instance answers the request under way, finishes the send under way, puts back what it claimed but had not
// started, and the other instance sends the rest: nothing left locked, nothing sent twice, nothing lost.
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { type GatedProxy, startGatedProxy } from '../support/gated-proxy.js';
import { eventually, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const SECRET = 'rahasia_webhook_kanal_aduan_123';

/** Starts a POST whose body is only half sent; resolves once the server has the request, with a finisher. */
function halfSentPost(rt: Runtime, urlPath: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  // Node's server emits 'request' once the headers are in: from then on the request is under way.
  const received = new Promise<void>((r) => rt.http.server.once('request', () => r()));
  const req = http.request(new URL(urlPath, rt.url), {
    method: 'POST',
    headers: { ...headers, 'content-length': bytes.length },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, 10));
  return { received, finish: () => req.end(bytes.subarray(10)), response };
}

describe.each(providers)('graceful shutdown on %s', (provider) => {
  let fake: FakeTelegram;
  let proxy: GatedProxy;
  let test: TestDatabase;
  const runtimes: Runtime[] = [];

  beforeEach(async () => {
    fake = await startFakeTelegram();
    proxy = await startGatedProxy(fake.url, /\/sendMessage$/);
    test = await freshDatabase(provider);
  });
  afterEach(async () => {
    for (const rt of runtimes.splice(0)) await rt.stop();
    await proxy.close();
    await fake.close();
    await test.drop();
  });

  const start = async (apiRoot: string, env: Record<string, string> = {}) => {
    const rt = await startTestRuntime({
      DATABASE_URL: test.url,
      DATA_DIR: path.join('/tmp', `kanal-aduan-shutdown-${process.pid}`),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: apiRoot,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://lapor.example.go.id',
      ...env,
    });
    runtimes.push(rt);
    return rt;
  };

  it('finishes the request and the send under way, releases its claims, and the other instance sends the rest once', async () => {
    // Replies already waiting when the instance starts: its first drain claims all five in one batch.
    const setup = await openDatabase(test.url);
    await migrate(setup);
    for (let i = 0; i < 5; i++)
      await setup.db.$transaction((tx) =>
        enqueue(tx, { dedupeKey: `pre:${i}`, address: `telegram:${200 + i}`, kind: 'ack', text: `Balasan ${i}` }),
      );
    await setup.close();

    // One send a second: when the first is in flight the others are still waiting for their slot.
    const a = await start(proxy.url, { TELEGRAM_SEND_PER_SECOND: '1' });
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${a.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    // A send is held in flight at the platform.
    await eventually(async () => proxy.arrived >= 1);

    // A citizen's message is on its way in when the stop begins.
    const update = { update_id: 5001, ...fake.textUpdate(300, 'Lampu jalan di Jl. Sudirman mati sejak kemarin') };
    const post = halfSentPost(
      a,
      '/webhooks/telegram',
      { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      JSON.stringify(update),
    );
    await post.received;
    const stopped = a.stop();
    expect(a.stopping).toBe(true);
    post.finish();
    expect((await post.response).status).toBe(200);
    proxy.open();
    expect(await stopped).toBe(true);

    // The stopped instance left nothing locked: what reached the platform is recorded as sent (the sends under
    // way finished), what it had claimed but not started is due now with no attempt counted.
    const check = await openDatabase(test.url);
    try {
      const rows = await check.db.outbox.findMany();
      expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
      const sentByA = rows.filter((r) => r.status === 'sent').length;
      expect(sentByA).toBe(proxy.arrived);
      expect(sentByA).toBeGreaterThanOrEqual(1);
      expect(sentByA).toBeLessThan(5);
      for (const r of rows.filter((x) => x.status !== 'sent'))
        expect(r).toMatchObject({ status: 'pending', lockedBy: null, attempts: 0 });
      expect(await check.db.message.count({ where: { channel: 'telegram', externalId: '5001' } })).toBe(1);
    } finally {
      await check.close();
    }

    // The other instance (talking to the platform directly) takes over at once.
    const b = await start(fake.url);
    await b.intake.recover(0);
    await b.worker.drain();
    const rows = await b.ctx.db.outbox.findMany();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const sent = fake.sent.map((m) => `${m.chat_id}|${m.text}`);
    expect(sent).toHaveLength(rows.length);
    expect(new Set(sent).size).toBe(sent.length);
    for (let i = 0; i < 5; i++) expect(sent).toContain(`${200 + i}|Balasan ${i}`);
    // The citizen whose message arrived during the stop got their acknowledgement, once.
    expect(fake.sent.filter((m) => String(m.chat_id) === '300').length).toBeGreaterThan(0);
  });
});
