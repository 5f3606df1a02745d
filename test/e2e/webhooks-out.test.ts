import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { complaintEventData, recordWebhookEvent } from '../../src/webhooks/events.js';
import { verifyWebhook } from '../../src/webhooks/signature.js';
import { createWebhookWorker } from '../../src/webhooks/worker.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, startTestRuntime } from '../support/runtime.js';
import { fileWebComplaint } from '../support/web-form.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver answering each request to a path with the next status queued for it (then 200), recording all. */
async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.get(req.url ?? '')?.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (path: string, ...statuses: number[]) => answers.set(path, statuses),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(providers)('outgoing webhooks on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let api: Awaited<ReturnType<typeof adminClient>>;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    receiver = await startReceiver();
    // The receiver listens on loopback: the tests allow private targets (and check the refusal separately).
    rt = await startTestRuntime({
      DATABASE_URL: database.url,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_MAX_ATTEMPTS: '3',
    });
    api = await adminClient(rt.url);
  });
  afterAll(async () => {
    await rt?.stop();
    await receiver?.close();
    await database?.drop();
  });

  const file = (text: string, privacy?: string) => fileWebComplaint(rt.url, text, privacy);
  const subscribe = async (path: string, events = ['complaint.status_changed']) =>
    api('POST', '/api/webhooks/subscribers', { name: `Sistem ${path}`, url: receiver.url(path), events });
  /** A worker whose clock is `ms` ahead: due retries are due for it without anyone sleeping. */
  const laterWorker = (ms: number, id = 'later') =>
    createWebhookWorker({
      db: rt.ctx.db,
      logger: createLogger('silent'),
      maxAttempts: 3,
      timeoutMs: 5_000,
      allowPrivateTargets: true,
      now: () => new Date(Date.now() + ms),
      workerId: id,
    });
  const deliveriesOf = (subscriberId: string) =>
    rt.ctx.db.webhookDelivery.findMany({ where: { subscriberId }, orderBy: { createdAt: 'asc' } });

  let secret = '';
  let subscriberId = '';

  it('creates a subscriber and shows its secret once', async () => {
    const created = await subscribe('/kota/a');
    expect(created.status).toBe(201);
    secret = String(created.body.secret);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const sub = created.body.subscriber as { id: string; events: string[] };
    subscriberId = sub.id;
    expect(sub.events).toEqual(['complaint.status_changed']);
    const list = await api('GET', '/api/webhooks/subscribers');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.items).toEqual([expect.objectContaining({ id: subscriberId, pending: 0, failed: 0 })]);
  });

  it('sends a status change signed over timestamp and body, without the text or the reporter', async () => {
    const id = await file('Lampu PJU mati di Jl. Sudirman depan Ramayana, sudah seminggu gelap. Hubungi 081234567890');
    const before = receiver.received.length;
    expect((await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' })).status).toBe(200);
    const rows = await deliveriesOf(subscriberId);
    expect(rows).toHaveLength(1);
    await rt.webhooks.drain();
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const req = got[0] as Received;
    expect(req.path).toBe('/kota/a');
    expect(req.headers['x-kanal-aduan-event']).toBe('complaint.status_changed');
    const ok = verifyWebhook(
      secret,
      {
        timestamp: req.headers['x-kanal-aduan-timestamp'] as string,
        signature: req.headers['x-kanal-aduan-signature'] as string,
      },
      req.body,
      Math.floor(Date.now() / 1000),
    );
    expect(ok).toBe(true);
    // A different secret or a changed body does not verify.
    const headers = {
      timestamp: req.headers['x-kanal-aduan-timestamp'] as string,
      signature: req.headers['x-kanal-aduan-signature'] as string,
    };
    expect(verifyWebhook(`${secret}x`, headers, req.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifyWebhook(secret, headers, req.body.replace('verified', 'resolved'), Date.now() / 1000)).toBe(false);
    const body = JSON.parse(req.body) as { id: string; type: string; data: Record<string, unknown> };
    expect(body.type).toBe('complaint.status_changed');
    expect(req.headers['x-kanal-aduan-event-id']).toBe(body.id);
    expect(body.data).toMatchObject({ trackingId: id, status: 'verified', previousStatus: 'received', channel: 'web' });
    expect(req.body).not.toContain('Sudirman');
    expect(req.body).not.toContain('081234567890');
    expect((await deliveriesOf(subscriberId))[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    });
  });

  it('stores nothing when the change itself is refused', async () => {
    const id = await file('Sampah menumpuk di TPS Pasar Kranggot tidak diangkut tiga hari');
    const before = await rt.ctx.db.webhookDelivery.count();
    expect((await api('POST', `/api/complaints/${id}/transitions`, { action: 'resolve' })).status).toBe(409);
    expect(await rt.ctx.db.webhookDelivery.count()).toBe(before);
  });

  it('retries after a 500 and delivers the same signed body', async () => {
    const id = await file('Saluran air mampet di Perumahan Bumi Rakata Blok C, banjir tiap hujan');
    receiver.answer('/kota/a', 500);
    const before = receiver.received.length;
    await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
    await rt.webhooks.drain();
    const [row] = (await deliveriesOf(subscriberId)).slice(-1);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet for the real clock: nothing is sent again.
    await rt.webhooks.drain();
    expect(receiver.received.length - before).toBe(1);
    await laterWorker(3_600_000).drain();
    const sent = receiver.received.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body).toBe(sent[0]?.body);
    expect(await rt.ctx.db.webhookDelivery.findUnique({ where: { id: row?.id ?? '' } })).toMatchObject({
      status: 'delivered',
      attempts: 2,
    });
  });

  it('gives up after the last attempt, shows it failed, and an admin sends it again', async () => {
    const created = await subscribe('/kota/rusak');
    const sub = created.body.subscriber as { id: string };
    receiver.answer('/kota/rusak', 503, 503, 503);
    const id = await file('Lubang besar di Jl. Ahmad Yani dekat Simpang Tiga, berbahaya untuk motor');
    // Both subscribers get this change; /kota/a answers 200. The transition's own nudge makes the first attempt.
    await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
    // That attempt is finished before the later workers look: one of them, hours ahead, would otherwise take
    // over its lease while its request is still in flight, and the receiver's answers would go out of order.
    await rt.webhooks.settle();
    const failing = () => deliveriesOf(sub.id);
    for (let i = 1; i <= 3; i++) await laterWorker(i * 7_200_000, `w${i}`).drain();
    const [row] = await failing();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503 });
    expect(row?.lastError).toBe('gave up after 3 attempts: HTTP 503');
    const listed = await api('GET', `/api/webhooks/deliveries?status=failed&subscriberId=${sub.id}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: row?.id, status: 'failed', attempts: 3 })]);
    expect((await api('GET', '/api/webhooks/subscribers')).body.items).toContainEqual(
      expect.objectContaining({ id: sub.id, failed: 1 }),
    );
    // The admin's retry: a fresh set of attempts, delivered now; a second click is refused.
    expect((await api('POST', `/api/webhooks/deliveries/${row?.id}/retry`)).status).toBe(200);
    expect((await api('POST', `/api/webhooks/deliveries/${row?.id}/retry`)).status).toBe(409);
    await rt.webhooks.drain();
    expect((await failing())[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    await api('DELETE', `/api/webhooks/subscribers/${sub.id}`);
  });

  it('fails a 4xx answer at once (retrying cannot help)', async () => {
    receiver.answer('/kota/a', 410);
    const id = await file('Pohon tumbang menutup jalan di Kelurahan Ramanuju, belum dipotong');
    await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
    await rt.webhooks.drain();
    const [row] = (await deliveriesOf(subscriberId)).slice(-1);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410, lastError: 'HTTP 410' });
  });

  it('two workers draining at once send every delivery exactly once', async () => {
    const before = receiver.received.length;
    const ids = [];
    for (let i = 0; i < 6; i++)
      ids.push(await file(`Parkir liar di trotoar Jl. Merdeka nomor ${i + 10}, pejalan kaki turun ke jalan`));
    for (const id of ids) await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
    await Promise.all([laterWorker(0, 'a').drain(), laterWorker(0, 'b').drain(), rt.webhooks.drain()]);
    const sent = receiver.received.slice(before).filter((r) => r.path === '/kota/a');
    const deliveries = sent.map((r) => r.headers['x-kanal-aduan-delivery']);
    expect(deliveries).toHaveLength(6);
    expect(new Set(deliveries).size).toBe(6);
  });

  it('refuses subscriber URLs on private or loopback addresses unless allowed', async () => {
    const settings = rt.ctx.webhooks;
    rt.ctx.webhooks = { maxAttempts: 3, timeoutMs: 5_000, allowPrivateTargets: false };
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://localhost/x',
        'http://169.254.169.254/latest',
      ]) {
        const res = await api('POST', '/api/webhooks/subscribers', {
          name: 'Internal',
          url,
          events: ['complaint.created'],
        });
        expect(res.status, url).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'url_not_allowed' } });
      }
      const bad = await api('POST', '/api/webhooks/subscribers', {
        name: 'FTP',
        url: 'ftp://kota.go.id/x',
        events: ['complaint.created'],
      });
      expect(bad.status).toBe(400);
      const none = await api('POST', '/api/webhooks/subscribers', {
        name: 'Kosong',
        url: 'https://kota.go.id/x',
        events: [],
      });
      expect(none.status).toBe(400);
    } finally {
      rt.ctx.webhooks = settings;
    }
  });

  it('a worker without the flag refuses to connect to a loopback subscriber even if one was saved', async () => {
    const strict = createWebhookWorker({
      db: rt.ctx.db,
      logger: createLogger('silent'),
      maxAttempts: 1,
      timeoutMs: 5_000,
      allowPrivateTargets: false,
    });
    const before = receiver.received.length;
    const id = await file('Genangan air di underpass Jl. Raya Anyer setiap hujan deras');
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } });
    // Written straight into the table (no nudge), so only the strict worker sees it.
    const strictSub = await rt.ctx.db.webhookSubscriber.create({
      data: { name: 'Tersimpan', url: receiver.url('/kota/b'), secret: 's', events: 'complaint.rated' },
    });
    await rt.ctx.db.$transaction((tx) => recordWebhookEvent(tx, 'complaint.rated', complaintEventData(c), new Date()));
    await strict.drain();
    expect(receiver.received.length).toBe(before);
    const [row] = await deliveriesOf(strictSub.id);
    expect(row?.status).toBe('failed');
    expect(row?.lastError).toContain('refused private address');
  });
});
