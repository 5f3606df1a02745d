// Property-based tests (fast-check) at every public door, through the real server (fastify inject) on both
// databases: random and hostile input never gives a 500, a well-formed report is never lost however hostile
// its text, and every row stored reads back as valid text.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';
import { formKey, hostileComplaint, hostileJson, hostileString, randomBytes, UNSTORABLE } from './hostile-input.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const RUNS = 50;
const TG_SECRET = 'rahasia_webhook_kanal_aduan_123';
const WA_SECRET = 'whatsapp-app-secret-for-tests';
const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'text/plain',
];

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as a browser sends it). */
const pathPart = (s: string | Buffer) =>
  [...(typeof s === 'string' ? Buffer.from(s, 'utf8') : s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

describe.each(providers)('hostile input at the public doors on %s', (provider) => {
  let database: TestDatabase;
  let fake: FakeTelegram;
  let rt: Runtime;
  let privateUrl = '';

  const inject = (opts: InjectOptions) => rt.http.inject(opts);

  beforeAll(async () => {
    database = await freshDatabase(provider);
    fake = await startFakeTelegram();
    rt = await startTestRuntime({
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      PUBLIC_BASE_URL: 'https://lapor.example.go.id',
      WHATSAPP_MODE: 'cloud',
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_ACCESS_TOKEN: 'token',
      WHATSAPP_APP_SECRET: WA_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify',
    });
    const first = await inject({
      method: 'POST',
      url: '/lapor',
      payload: { submissionId: 'Qm9vdHN0cmFwLWtleS1mb3ItdGVzdHM', text: 'Jalan rusak di depan Pasar Kranggot.' },
    });
    privateUrl = JSON.parse(first.body).privateUrl;
  });
  afterAll(async () => {
    await rt?.stop();
    await fake?.close();
    await database?.drop();
  });

  it('POST /lapor: any JSON body or random bytes under any content type gives no 500', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, async (body) => {
        const res = await inject({
          method: 'POST',
          url: '/lapor',
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(JSON.parse(res.body)).toMatchObject({ error: { code: expect.any(String) } });
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(randomBytes, fc.constantFrom(...CONTENT_TYPES), async (bytes, type) => {
        const res = await inject({ method: 'POST', url: '/lapor', payload: bytes, headers: { 'content-type': type } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /lapor: a well-formed report with hostile text is never lost, as JSON or as a form', async () => {
    await fc.assert(
      fc.asyncProperty(formKey, hostileComplaint, hostileString(30), fc.boolean(), async (key, text, name, json) => {
        const fields = { submissionId: key, text, name, privacy: 'anonim' };
        const res = json
          ? await inject({ method: 'POST', url: '/lapor', payload: fields })
          : await inject({
              method: 'POST',
              url: '/lapor',
              payload: new URLSearchParams(fields).toString(),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
        expect([201, 202, 303]).toContain(res.statusCode);
        const message = await rt.ctx.db.message.findUniqueOrThrow({
          where: { channel_externalId: { channel: 'web', externalId: key } },
        });
        expect(message.state).toBe('processed');
        expect(message.complaintId).not.toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('lookups: random IDs, paths, bytes and dates give no 500', async () => {
    const target = fc.oneof(
      hostileString(40).map(pathPart),
      randomBytes.map((b) => pathPart(b.subarray(0, 60))),
    );
    await fc.assert(
      fc.asyncProperty(target, target, async (a, b) => {
        for (const url of [
          `/lacak?id=${a}`,
          `/lacak/${a}`,
          `/api/public/complaints/${a}`,
          `/api/public/stats?from=${a}&to=${b}`,
          `/laporan/${a}`,
        ]) {
          const res = await inject({ method: 'GET', url });
          expect({ url, status: res.statusCode < 500 }).toEqual({ url, status: true });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the private page: hostile actions give no 500, and a well-formed one is never lost', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, randomBytes, fc.constantFrom(...CONTENT_TYPES), async (body, bytes, type) => {
        const asJson = await inject({
          method: 'POST',
          url: privateUrl,
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        expect(asJson.statusCode).toBeLessThan(500);
        const raw = await inject({
          method: 'POST',
          url: privateUrl,
          payload: bytes,
          headers: { 'content-type': type },
        });
        expect(raw.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(formKey, hostileComplaint, async (actionId, text) => {
        const res = await inject({ method: 'POST', url: privateUrl, payload: { actionId, action: 'add', text } });
        expect(res.statusCode).toBe(200);
        const stored = await rt.ctx.db.message.findFirst({
          where: { channel: 'web', externalId: { endsWith: `:${actionId}` } },
        });
        expect(stored?.state).toBe('processed');
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
  });

  it('webhooks: bad signatures are refused (never limited), and signed hostile bodies give no 500', async () => {
    const bodies = fc.oneof(
      randomBytes,
      hostileJson.map((j) => Buffer.from(j)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, hostileString(20), async (body, sig) => {
        const headers = { 'content-type': 'application/json' };
        const tg = await inject({
          method: 'POST',
          url: '/webhooks/telegram',
          payload: body,
          headers: { ...headers, 'x-telegram-bot-api-secret-token': pathPart(sig) },
        });
        expect([401, 403, 413]).toContain(tg.statusCode);
        const wa = await inject({
          method: 'POST',
          url: '/webhooks/whatsapp',
          payload: body,
          headers: { ...headers, 'x-hub-signature-256': `sha256=${pathPart(sig)}` },
        });
        expect([401, 403, 413]).toContain(wa.statusCode);
        const tgSigned = await inject({
          method: 'POST',
          url: '/webhooks/telegram',
          payload: body,
          headers: { ...headers, 'x-telegram-bot-api-secret-token': TG_SECRET },
        });
        expect(tgSigned.statusCode).toBeLessThan(500);
        const waSig = `sha256=${createHmac('sha256', WA_SECRET).update(body).digest('hex')}`;
        const waSigned = await inject({
          method: 'POST',
          url: '/webhooks/whatsapp',
          payload: body,
          headers: { ...headers, 'x-hub-signature-256': waSig },
        });
        expect(waSigned.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('every stored row reads back as valid text', async () => {
    const messages = await rt.ctx.db.message.findMany();
    expect(messages.length).toBeGreaterThan(RUNS);
    for (const m of messages) {
      expect(() => JSON.parse(m.payload)).not.toThrow();
      expect(m.text ?? '').not.toMatch(UNSTORABLE);
    }
    for (const c of await rt.ctx.db.complaint.findMany()) expect(c.text).not.toMatch(UNSTORABLE);
    for (const r of await rt.ctx.db.reporter.findMany()) {
      expect(`${r.displayName ?? ''}${r.contact ?? ''}`).not.toMatch(UNSTORABLE);
    }
  });
});
