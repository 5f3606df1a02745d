// Telegram webhook mode (secret token checked) and photo download into local storage, through the real
// product: real HTTP, real telegraf client against the fake Bot API, real SQLite.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { sqliteDatabase } from '../support/databases.js';
import { adminClient, eventually, startTestRuntime } from '../support/runtime.js';

const SECRET = 'rahasia_webhook_kanal_aduan_123';
// A tiny but real JPEG header is enough: the product checks the declared type and the size, not pixels.
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

describe('telegram webhook mode and media', () => {
  let fake: FakeTelegram;
  let rt: Runtime;
  let dataDir: string;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    const db = sqliteDatabase();
    dataDir = path.dirname(db.url.slice('file:'.length));
    rt = await startTestRuntime({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://lapor.example.go.id',
      ATTACHMENT_MAX_BYTES: String(100_000),
    });
  });
  afterAll(async () => {
    await rt?.stop();
    await fake?.close();
  });

  const post = (body: unknown, secret?: string) =>
    fetch(`${rt.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('registers the webhook with the secret token on start', () => {
    const call = fake.calls.find((c) => c.method === 'setWebhook');
    expect(call?.body).toMatchObject({ url: 'https://lapor.example.go.id/webhooks/telegram', secret_token: SECRET });
  });

  it('refuses updates without the right secret and stores nothing', async () => {
    const update = { update_id: 9001, ...fake.textUpdate(31, 'Jalan rusak di Jl. Sudirman') };
    expect((await post(update)).status).toBe(403);
    expect((await post(update, 'salah')).status).toBe(403);
    expect(await rt.ctx.db.message.count()).toBe(0);
    // A well-authenticated but unparseable body is refused and kept for inspection, never processed.
    expect((await post('{not json', SECRET)).status).toBe(400);
    expect(await rt.ctx.db.message.findMany({ select: { kind: true, state: true } })).toEqual([
      { kind: 'malformed', state: 'rejected' },
    ]);
    await rt.ctx.db.message.deleteMany();
  });

  it('accepts a photo with caption, downloads it once, and serves it to admins', async () => {
    fake.registerFile('photo-big', 'photos/file_1.jpg', PHOTO);
    const update = { update_id: 9002, ...fake.photoUpdate(32, 'Sampah menumpuk di TPS Kebondalem', 'photo-big') };
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200); // Telegram redelivery
    await fake.waitForSent((m) => m.text?.includes('nomor pelacakan') ?? false);
    expect(await rt.ctx.db.complaint.count()).toBe(1);
    expect(await rt.downloadAttachments()).toBe(1);
    expect(await rt.downloadAttachments()).toBe(0);
    const a = await rt.ctx.db.attachment.findFirstOrThrow();
    expect(a).toMatchObject({ mimeType: 'image/jpeg', sizeBytes: PHOTO.length, downloadError: null });
    const file = path.join(dataDir, 'attachments', a.storagePath ?? '');
    expect(existsSync(file) && readFileSync(file).equals(PHOTO)).toBe(true);
    const api = await adminClient(rt.url);
    const res = await fetch(`${rt.url}/api/attachments/${a.id}`, { headers: { cookie: (await loginCookie()) ?? '' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PHOTO)).toBe(true);
    expect((await api('GET', `/api/attachments/${a.id}x`)).status).toBe(404);
  });

  it('refuses an oversized photo and tells the reporter', async () => {
    fake.registerFile('photo-huge', 'photos/file_2.jpg', Buffer.alloc(150_000, 1));
    await post({ update_id: 9003, ...fake.photoUpdate(33, 'Lampu jalan mati', 'photo-huge') }, SECRET);
    await eventually(async () => (await rt.ctx.db.attachment.count({ where: { platformFileId: 'photo-huge' } })) === 1);
    await rt.downloadAttachments();
    const a = await rt.ctx.db.attachment.findFirstOrThrow({ where: { platformFileId: 'photo-huge' } });
    expect(a.storagePath).toBeNull();
    expect(a.downloadError).toContain('limit');
    const notice = await fake.waitForSent((m) => m.text?.includes('terlalu besar') ?? false);
    expect(String(notice.chat_id)).toBe('33');
  });

  it('lets an admin block a spammer without losing their messages', async () => {
    const api = await adminClient(rt.url);
    const reporter = await rt.ctx.db.reporter.findFirstOrThrow({
      where: { identities: { some: { externalId: '33' } } },
    });
    expect((await api('POST', `/api/reporters/${reporter.id}/block`, { blocked: true })).status).toBe(200);
    const before = fake.sent.length;
    await post({ update_id: 9004, ...fake.textUpdate(33, 'promo pulsa murah klik link') }, SECRET);
    await eventually(async () => (await rt.ctx.db.message.count({ where: { externalId: '9004' } })) === 1);
    await rt.intake.settle();
    await rt.worker.drain();
    expect(fake.sent.length).toBe(before);
    expect((await api('POST', '/api/reporters/nope/block', { blocked: true })).status).toBe(404);
  });

  async function loginCookie() {
    const res = await fetch(`${rt.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@cilegon.go.id', password: 'rahasia-sekali-123' }),
    });
    return res.headers.get('set-cookie')?.split(';')[0];
  }
});
