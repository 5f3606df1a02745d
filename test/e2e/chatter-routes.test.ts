// The chatter list over the real admin API, on SQLite and PostgreSQL: a greeting sent to the Telegram bot (through
// the real webhook) waits in GET /api/chatter; only the desk sees it; promoting it opens the complaint and the
// reporter receives the acknowledgement with the tracking ID through the fake Bot API; a double click promotes once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, sessionCookie } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startTelegramRuntime, telegramWebhookEnv } from '../support/telegram-runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const SECRET = 'chatter_secret_token_123';
const OFFICER = { email: 'petugas.dputr@cilegon.go.id', password: 'jalan-mulus-2026' };
const VIEWER = { email: 'pimpinan@cilegon.go.id', password: 'hanya-melihat-2026' };
const REVIEWER = { email: 'humas@cilegon.go.id', password: 'meninjau-aduan-2026' };

describe.each(providers)('chatter routes on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let http: FastifyInstance;
  let tg: FakeTelegram;
  const cookies: Record<string, string> = {};

  const login = async (creds: { email: string; password: string }) => {
    const cookie = await sessionCookie(http, creds);
    expect(cookie).not.toBe('');
    return cookie;
  };
  const call = async (method: 'GET' | 'POST', url: string, cookie: string) => {
    const res = await http.inject({ method, url, headers: { cookie } });
    return { status: res.statusCode, body: res.json() };
  };
  /** A private message to the bot, through the real webhook route. */
  const say = async (chatId: number, text: string) => {
    const res = await fetch(`${rt.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: chatId * 10 + text.length, ...tg.textUpdate(chatId, text) }),
    });
    expect(res.status).toBe(200);
    await rt.intake.settle();
    await rt.worker.drain();
  };
  beforeAll(async () => {
    ({ fake: tg, database, rt } = await startTelegramRuntime(provider, telegramWebhookEnv(SECRET)));
    http = rt.http;
    await upsertUser(rt.ctx.db, { ...OFFICER, name: 'Petugas DPUTR', role: 'officer', agencyCode: 'DPUTR' });
    await upsertUser(rt.ctx.db, { ...VIEWER, name: 'Pimpinan', role: 'viewer' });
    await upsertUser(rt.ctx.db, { ...REVIEWER, name: 'Humas', role: 'reviewer' });
    cookies.admin = await login(ADMIN);
    cookies.officer = await login(OFFICER);
    cookies.viewer = await login(VIEWER);
    cookies.reviewer = await login(REVIEWER);
  });
  afterAll(() => shutDown(rt, tg, database));

  it('lists chatter for the desk only, and refuses officers, viewers and strangers', async () => {
    await say(5101, 'Selamat pagi min');
    const list = await call('GET', '/api/chatter', cookies.reviewer ?? '');
    expect(list.status).toBe(200);
    const item = (list.body.items as { text: string; channel: string }[]).find((i) => i.text === 'Selamat pagi min');
    expect(item).toMatchObject({ channel: 'telegram' });
    expect(await rt.ctx.db.complaint.count()).toBe(0);
    for (const role of ['officer', 'viewer'] as const) {
      const refused = await call('GET', '/api/chatter', cookies[role] ?? '');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await call('GET', '/api/chatter', '')).status).toBe(401);
    const row = await rt.ctx.db.message.findFirstOrThrow({ where: { disposition: 'chatter' } });
    const promote = `/api/chatter/${row.id}/promote`;
    for (const role of ['officer', 'viewer'] as const) {
      expect((await call('POST', promote, cookies[role] ?? '')).status).toBe(403);
    }
    expect(await rt.ctx.db.complaint.count()).toBe(0);
  });

  it('promotion opens the complaint and the reporter gets the acknowledgement on Telegram', async () => {
    await say(5202, 'halo, mau tanya');
    const [item] = (await call('GET', '/api/chatter', cookies.admin ?? '')).body.items as {
      id: string;
      text: string;
    }[];
    expect(item?.text).toBe('halo, mau tanya');
    const sentBefore = tg.sent.length;
    const promoted = await call('POST', `/api/chatter/${item?.id}/promote`, cookies.reviewer ?? '');
    expect(promoted.status).toBe(200);
    const trackingId = promoted.body.trackingId as string;
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(complaint).toMatchObject({ channel: 'telegram', status: 'received', text: 'halo, mau tanya' });
    await rt.intake.settle();
    await rt.worker.drain();
    const ack = tg.sent.slice(sentBefore).find((m) => String(m.chat_id) === '5202');
    expect(ack?.text && findTrackingId(ack.text)).toBe(trackingId);
    // Gone from the list, and the audit log says who did it.
    const after = (await call('GET', '/api/chatter', cookies.admin ?? '')).body.items as { id: string }[];
    expect(after.map((i) => i.id)).not.toContain(item?.id);
    const audit = await rt.ctx.db.auditLog.findFirst({ where: { action: 'chatter.promote' } });
    expect(audit).not.toBeNull();
  });

  it('a double click promotes once: one complaint, one acknowledgement, the second click gets 409', async () => {
    await say(5303, 'Assalamualaikum');
    const row = await rt.ctx.db.message.findFirstOrThrow({
      where: { disposition: 'chatter', text: 'Assalamualaikum' },
    });
    const complaintsBefore = await rt.ctx.db.complaint.count();
    const url = `/api/chatter/${row.id}/promote`;
    const both = await Promise.all([call('POST', url, cookies.admin ?? ''), call('POST', url, cookies.reviewer ?? '')]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.status === 409);
    expect(refused?.body.error.message).toBe('Pesan ini sudah dijadikan laporan.');
    expect(await rt.ctx.db.complaint.count()).toBe(complaintsBefore + 1);
    await rt.intake.settle();
    await rt.worker.drain();
    const acks = tg.sent.filter((m) => String(m.chat_id) === '5303' && findTrackingId(m.text ?? '') !== null);
    expect(acks).toHaveLength(1);
    // A later click, and a message that was never chatter, are refused too.
    expect((await call('POST', url, cookies.admin ?? '')).status).toBe(409);
    expect((await call('POST', '/api/chatter/tidak-ada/promote', cookies.admin ?? '')).status).toBe(404);
  });
});
