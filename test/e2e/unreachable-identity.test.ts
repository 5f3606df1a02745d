// A reporter who blocks the bot, over the real Telegram webhook and admin API on SQLite and PostgreSQL: the
// complaint page shows the identity as unreachable (since when, why), the desk's reply is refused with a clear
// Indonesian 409 instead of being queued, and once the reporter unblocks the bot replies go out again.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, sessionCookie } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startTelegramRuntime, telegramWebhookEnv } from '../support/telegram-runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const SECRET = 'unreachable_secret_token_1';
const CHAT = 7301;

describe.each(providers)('unreachable reporter on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let http: FastifyInstance;
  let tg: FakeTelegram;
  let cookie = '';
  let updateId = 900_000;

  const webhook = async (update: object) => {
    const res = await fetch(`${rt.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: ++updateId, ...update }),
    });
    expect(res.status).toBe(200);
    await rt.intake.settle();
    await rt.worker.drain();
  };
  /** my_chat_member in the private chat: "kicked" is the user blocking the bot, "member" unblocking it. */
  const membership = (status: 'kicked' | 'member') => {
    const bot = { id: Number(tg.token.split(':')[0]), is_bot: true, first_name: 'Kanal Aduan' };
    const old = status === 'kicked' ? 'member' : 'kicked';
    return webhook({
      my_chat_member: {
        chat: { id: CHAT, type: 'private', first_name: 'Kiki' },
        from: { id: CHAT, is_bot: false, first_name: 'Kiki' },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: old, user: bot },
        new_chat_member: { status, user: bot, ...(status === 'kicked' ? { until_date: 0 } : {}) },
      },
    });
  };
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await http.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    ({ fake: tg, database, rt } = await startTelegramRuntime(provider, telegramWebhookEnv(SECRET)));
    http = rt.http;
    cookie = await sessionCookie(http, ADMIN);
  });
  afterAll(() => shutDown(rt, tg, database));

  it('shows the blocked identity to admins, refuses replies to it, and sends again after an unblock', async () => {
    await webhook(tg.textUpdate(CHAT, 'Lampu jalan di Jl. Ahmad Yani depan Masjid Agung mati sejak seminggu'));
    const { trackingId } = await rt.ctx.db.complaint.findFirstOrThrow({ where: { channel: 'telegram' } });
    const reachable = await api('GET', `/api/complaints/${trackingId}`);
    expect(reachable.body.reporter.identities).toEqual([{ channel: 'telegram', unreachable: null }]);

    await membership('kicked');
    const detail = await api('GET', `/api/complaints/${trackingId}`);
    expect(detail.status).toBe(200);
    const [identity] = detail.body.reporter.identities as { channel: string; unreachable: Record<string, string> }[];
    expect(identity?.channel).toBe('telegram');
    expect(Number.isNaN(Date.parse(identity?.unreachable?.since ?? ''))).toBe(false);
    expect(identity?.unreachable?.reason).toMatch(/^telegram: /);

    const outboxBefore = await rt.ctx.db.outbox.count();
    const body = { text: 'Mohon kirimkan foto lampu yang mati, Pak/Bu.', requestId: 'unreachable-0001' };
    const refused = await api('POST', `/api/complaints/${trackingId}/replies`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reporter_unreachable');
    expect(refused.body.error.message).toContain('tidak dapat dihubungi');
    expect(await rt.ctx.db.outbox.count()).toBe(outboxBefore);

    await membership('member');
    const again = await api('GET', `/api/complaints/${trackingId}`);
    expect(again.body.reporter.identities).toEqual([{ channel: 'telegram', unreachable: null }]);
    const sent = await api('POST', `/api/complaints/${trackingId}/replies`, { ...body, requestId: 'unreachable-0002' });
    expect(sent.status).toBe(201);
    await rt.intake.settle();
    await rt.worker.drain();
    await tg.waitForSent((m) => String(m.chat_id) === String(CHAT) && (m.text ?? '').includes('foto lampu'));
  });
});
