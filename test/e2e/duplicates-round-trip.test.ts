// One pothole, three reporters (Telegram through telegraf against the fake Bot API, WhatsApp Cloud through
// signed webhooks and the fake Graph API, the public web form): the desk is shown the other two as suggested
// duplicates, nothing is merged until an admin merges, and after the merge each reporter receives the case's
// next status update on their own channel, quoting their own tracking ID. On SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { DEFAULT_DUPLICATE_SETTINGS } from '../../src/app/duplicates.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import type { FakeWhatsAppCloud } from '../fakes/whatsapp-cloud.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startWhatsAppCloudRuntime } from '../support/whatsapp-cloud-adapter.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const secrets = { appSecret: 'dup-app-secret', accessToken: 'dup-access-token' };
const waId = '6281377778888';
const OFFICER = { email: 'petugas.dishub@cilegon.go.id', password: 'lampu-merah-2026' };

const TEXTS = {
  telegram: 'jln Ciwaduk Raya depan SDN Ciwaduk 2 bolong gede bgt min, tadi ada motor jatuh',
  whatsapp: 'Pak, lubang di jalan Ciwaduk dekat SD makin dalam, bahaya buat pengendara motor',
  web: 'Saya melaporkan jalan berlubang besar di Jalan Ciwaduk Raya depan SDN Ciwaduk 2. Mohon segera ditambal.',
  other: 'Sampah di TPS Grogol tidak diangkut sudah 4 hari, baunya menyengat sampai ke rumah warga',
};

describe.each(providers)('one case from three reporters on %s', (provider) => {
  let tg: FakeTelegram;
  let wa: FakeWhatsAppCloud;
  let database: TestDatabase;
  let rt: Runtime;
  const ids = { telegram: '', whatsapp: '', web: '', other: '' };
  let privateUrl = '';

  beforeAll(async () => {
    tg = await startFakeTelegram();
    database = await freshDatabase(provider);
    const env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url };
    ({ fake: wa, rt } = await startWhatsAppCloudRuntime(database, secrets, 'dup-verify', { env }));
    await upsertUser(rt.ctx.db, { ...OFFICER, name: 'Petugas Dishub', role: 'officer', agencyCode: 'DISHUB' });
  });
  afterAll(() => shutDown(rt, tg, wa, database));

  const tgAck = async (chat: number, text: string) => {
    tg.pushUpdate(tg.textUpdate(chat, text));
    const ack = await tg.waitForSent(
      (m) => m.chat_id === String(chat) && (m.text?.includes('sudah kami terima dengan nomor pelacakan') ?? false),
    );
    return findTrackingId(ack.text ?? '') ?? '';
  };

  it('files the three reports (and an unrelated one) through intake as separate complaints', async () => {
    ids.telegram = await tgAck(5101, TEXTS.telegram);
    ids.other = await tgAck(5102, TEXTS.other);
    const { rawBody, headers } = wa.signedWebhook(wa.textWebhook({ from: waId, name: 'Rina', body: TEXTS.whatsapp }));
    expect((await fetch(`${rt.url}/webhooks/whatsapp`, { method: 'POST', headers, body: rawBody })).status).toBe(200);
    // The acknowledgement carries the tracking ID (the first-contact welcome only mentions one).
    const waAck = await wa.waitForSent((m) => m.to === waId && findTrackingId(m.text?.body ?? '') !== null);
    ids.whatsapp = findTrackingId(waAck.text?.body ?? '') ?? '';
    const res = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomBytes(24).toString('base64url'), text: TEXTS.web, privacy: 'named' }),
    });
    expect(res.status).toBe(201);
    const filed = (await res.json()) as { trackingId: string; privateUrl: string };
    ids.web = filed.trackingId;
    privateUrl = filed.privateUrl;
    expect(new Set(Object.values(ids)).size).toBe(4);
    expect(await rt.ctx.db.complaint.count()).toBe(4);
  });

  it('suggests the other two reports of the pothole to the admin, with reasons, and not the rubbish', async () => {
    const api = await adminClient(rt.url);
    const res = await api('GET', `/api/complaints/${ids.telegram.toLowerCase()}/duplicate-candidates`);
    expect(res.status).toBe(200);
    const items = res.body.items as { trackingId: string; score: number; reasons: string[]; channel: string }[];
    expect(items.map((i) => i.trackingId).sort()).toEqual([ids.whatsapp, ids.web].sort());
    expect(items.map((i) => i.channel).sort()).toEqual(['web', 'whatsapp']);
    for (const item of items) {
      expect(item.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_SETTINGS.threshold);
      expect(item.reasons[0]).toMatch(/^teks mirip 0,\d\d$/);
      expect(item.reasons.join(' ')).toContain('ciwaduk');
      expect(item).toMatchObject({ status: 'received', excerpt: expect.any(String), createdAt: expect.any(String) });
    }
    // The route is in the generated OpenAPI document.
    const doc = await api('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths as object)).toContain('/api/complaints/{id}/duplicate-candidates');
  });

  it('merges nothing by itself; an officer of another agency gets 404, an unknown complaint 404', async () => {
    const merged = await rt.ctx.db.complaint.count({ where: { mergedIntoId: { not: null } } });
    expect(merged).toBe(0);
    const login = await fetch(`${rt.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OFFICER),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const res = await fetch(`${rt.url}/api/complaints/${ids.telegram}/duplicate-candidates`, { headers: { cookie } });
    expect(res.status).toBe(404);
    const api = await adminClient(rt.url);
    expect((await api('GET', '/api/complaints/CLG-000000-ZZZZ/duplicate-candidates')).status).toBe(404);
  });

  it('after the admin merges, every reporter gets the next status update on their own channel', async () => {
    const api = await adminClient(rt.url);
    for (const dup of [ids.whatsapp, ids.web]) {
      const r = await api('POST', `/api/complaints/${dup}/merge`, { into: ids.telegram });
      expect(r.body).toMatchObject({ trackingId: dup, mergedInto: ids.telegram });
    }
    // Merged reports are no longer candidates; the case has none left.
    const after = await api('GET', `/api/complaints/${ids.telegram}/duplicate-candidates`);
    expect(after.body.items).toEqual([]);
    expect((await api('POST', `/api/complaints/${ids.telegram}/transitions`, { action: 'verify' })).status).toBe(200);
    const tgMsg = await tg.waitForSent(
      (m) => m.chat_id === '5101' && (m.text?.includes(`Laporan ${ids.telegram} telah diverifikasi`) ?? false),
    );
    expect(tgMsg.text).not.toContain(ids.whatsapp);
    const waMsg = await wa.waitForSent(
      (m) => m.to === waId && (m.text?.body.includes(`Laporan ${ids.whatsapp} telah diverifikasi`) ?? false),
    );
    expect(waMsg.type).toBe('text');
    // The web channel delivers by showing: the update is sent to the reporter's address and on the private page.
    await eventually(async () =>
      rt.ctx.db.outbox.findFirst({
        where: { status: 'sent', address: { startsWith: 'web:' }, text: { contains: `${ids.web} telah diverifikasi` } },
      }),
    );
    const page = await fetch(`${rt.url}${privateUrl}`);
    expect(await page.text()).toContain(`Laporan ${ids.web} telah diverifikasi`);
    // The unrelated reporter heard nothing about this case.
    expect(tg.sent.filter((m) => m.chat_id === '5102' && m.text?.includes('diverifikasi'))).toHaveLength(0);
  });
});
