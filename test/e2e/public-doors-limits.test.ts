// Issue #8: "nothing limits guessing". The form, tracking lookups, the public API and the private page are
// limited per client address and answered politely (an Indonesian page, or the JSON error on /api); signed
// webhooks are not limited. Real server with low limits, real fake Telegram for the webhook.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

const LIMITS = { reports: 3, lookups: 4, privatePage: 5 };
const POLITE = 'Mohon maaf, terlalu banyak permintaan dari alamat Anda.';

describe.each(providers)('rate limits of the public doors on %s', (provider) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    fake = await startFakeTelegram();
    rt = await startTestRuntime({
      DATABASE_URL: database.url,
      RATE_LIMIT_REPORTS_PER_MINUTE: String(LIMITS.reports),
      RATE_LIMIT_LOOKUPS_PER_MINUTE: String(LIMITS.lookups),
      RATE_LIMIT_PRIVATE_PAGE_PER_MINUTE: String(LIMITS.privatePage),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: 'rahasia_webhook_kanal_aduan_123',
      PUBLIC_BASE_URL: 'https://lapor.example.go.id',
    });
  });
  afterAll(async () => {
    await rt?.stop();
    await fake?.close();
    await database?.drop();
  });

  const statuses = async (n: number, request: () => Promise<Response>) => {
    const out: Response[] = [];
    for (let i = 0; i < n; i++) out.push(await request());
    return out;
  };
  const report = (json: boolean) => () => {
    const fields = { submissionId: randomBytes(16).toString('base64url'), text: 'Jalan rusak di depan Pasar Blok F.' };
    return fetch(`${rt.url}/lapor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
    });
  };

  it('limits new reports per address, politely, and stores nothing beyond the limit', async () => {
    const answers = await statuses(LIMITS.reports, report(false));
    expect(answers.map((r) => r.status)).toEqual(Array(LIMITS.reports).fill(303));
    const privateUrl = answers[0]?.headers.get('location') ?? '';
    const before = await rt.ctx.db.message.count({ where: { direction: 'inbound' } });
    const page = await report(false)();
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await page.text()).toContain(POLITE);
    const json = await report(true)();
    expect(json.status).toBe(429);
    expect(await json.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining(POLITE) } });
    expect(await rt.ctx.db.message.count({ where: { direction: 'inbound' } })).toBe(before);

    // The private page has its own, separate limit.
    const views = await statuses(LIMITS.privatePage + 1, () => fetch(`${rt.url}${privateUrl}`));
    expect(views.map((r) => r.status)).toEqual([...Array(LIMITS.privatePage).fill(200), 429]);
    expect(await views.at(-1)?.text()).toContain(POLITE);
  });

  it('limits tracking lookups on the page and the public API', async () => {
    for (const url of [
      '/lacak/CLG-261128-ABCD',
      '/api/public/complaints/CLG-261128-ABCD',
      '/api/public/stats',
      '/lacak?id=x',
    ]) {
      const answers = await statuses(LIMITS.lookups + 1, () => fetch(`${rt.url}${url}`, { redirect: 'manual' }));
      expect(answers.slice(0, -1).every((r) => r.status !== 429)).toBe(true);
      const last = answers.at(-1);
      expect({ url, status: last?.status }).toEqual({ url, status: 429 });
      const text = (await last?.text()) ?? '';
      if (url.startsWith('/api/')) expect(JSON.parse(text)).toMatchObject({ error: { code: 'rate_limited' } });
      else expect(text).toContain(POLITE);
    }
  });

  it('never limits webhooks: they are authenticated instead', async () => {
    const answers = await statuses(3 * LIMITS.lookups, () =>
      fetch(`${rt.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'salah' },
        body: JSON.stringify({ update_id: 1 }),
      }),
    );
    const codes = new Set(answers.map((r) => r.status));
    expect(codes.has(429)).toBe(false);
    expect([...codes].every((c) => c === 401 || c === 403)).toBe(true);
  });
});
