// The review desk and the officer desk over the real admin API, with Telegram replies delivered by the real
// telegraf client to the fake Bot API: internal notes reach nobody, public notes and replies reach every
// reporter of a merged case, double clicks send once, stale pages and impossible replies are refused in
// Indonesian, officers work only on their agency's complaints. On SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { textMessage } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, eventually, sessionCookie } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startTelegramRuntime } from '../support/telegram-runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const DPUTR = { email: 'petugas.dputr@cilegon.go.id', password: 'jalan-mulus-2026' };
const DLH = { email: 'petugas.dlh@cilegon.go.id', password: 'sampah-bersih-2026' };
const POTHOLE = 'Jalan Lingkar Selatan dekat Ciwandan berlubang besar, sudah ada motor jatuh semalam.';

describe.each(providers)('admin desk on %s', (provider) => {
  let database: TestDatabase;
  let fake: FakeTelegram;
  let rt: Runtime;
  let http: FastifyInstance;
  const cookies: Record<string, string> = {};
  let chatSeq = 700;

  async function login(creds: { email: string; password: string }) {
    const cookie = await sessionCookie(http, creds);
    expect(cookie).not.toBe('');
    return cookie;
  }
  const call = async (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const res = await http.inject({
      method,
      url,
      headers: { cookie: cookies[who] ?? '' },
      ...(payload ? { payload } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: assertions read the JSON answers loosely
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  /** A new complaint from a new Telegram chat; returns its tracking ID and chat id. */
  async function complaint(text = POTHOLE, channel: 'telegram' | 'x' = 'telegram') {
    const chat = String(++chatSeq);
    const extra = channel === 'x' ? { channel: 'x' as const, replyAddress: `x:dm:${chat}` } : {};
    await rt.intake.ingest(textMessage(chat, text, extra));
    const c = await rt.ctx.db.complaint.findFirstOrThrow({
      where: { replyAddress: extra.replyAddress ?? `telegram:${chat}` },
    });
    return { id: c.trackingId, chat };
  }
  const textsTo = (chat: string) => fake.sent.filter((m) => String(m.chat_id) === chat).map((m) => m.text ?? '');
  /** Waits until the fake Telegram received every expected text in `chat` (the worker paces sends per chat). */
  const sentTo = async (chat: string, ...expected: string[]) => {
    await eventually(async () => {
      await rt.intake.settle();
      await rt.worker.drain();
      return expected.every((e) => textsTo(chat).some((t) => t.includes(e)));
    }, 20_000);
    return textsTo(chat);
  };
  /** What the outbox holds for a chat: anything that would ever be sent there. */
  const queuedTo = async (chat: string) =>
    (await rt.ctx.db.outbox.findMany({ where: { address: `telegram:${chat}` } })).map((o) => o.text);

  beforeAll(async () => {
    ({ fake, database, rt } = await startTelegramRuntime(provider));
    http = rt.http;
    await upsertUser(rt.ctx.db, { ...DPUTR, name: 'Petugas DPUTR', role: 'officer', agencyCode: 'DPUTR' });
    await upsertUser(rt.ctx.db, { ...DLH, name: 'Petugas DLH', role: 'officer', agencyCode: 'DLH' });
    cookies.admin = await login(ADMIN);
    cookies.dputr = await login(DPUTR);
    cookies.dlh = await login(DLH);
  });
  afterAll(() => shutDown(rt, fake, database));

  it('sends the public note with a status update and never the internal note (regression)', async () => {
    const { id, chat } = await complaint();
    const res = await call('admin', 'POST', `/api/complaints/${id}/transitions`, {
      action: 'verify',
      note: 'Pelapor ini Pak Budi 0812-3456-7890, mohon ditindaklanjuti.',
      publicNote: 'Terima kasih, laporan Anda lengkap.',
    });
    expect(res).toMatchObject({ status: 200, body: { from: 'received', to: 'verified' } });
    const texts = await sentTo(chat, 'Terima kasih, laporan Anda lengkap.');
    expect(texts.some((t) => t.includes('Pak Budi') || t.includes('ditindaklanjuti.'))).toBe(false);
    const outbox = await rt.ctx.db.outbox.findMany();
    expect(outbox.some((o) => o.text.includes('Pak Budi'))).toBe(false);
    // Asking for the status shows the public note as the latest follow-up, never the internal one.
    await rt.intake.ingest(textMessage(chat, `status ${id}`));
    const answer = await rt.ctx.db.outbox.findFirstOrThrow({
      where: { address: `telegram:${chat}`, text: { startsWith: `Status laporan ${id}` } },
    });
    expect(answer.text).toContain('Tindak lanjut terakhir: Terima kasih, laporan Anda lengkap.');
    expect(answer.text).not.toContain('Pak Budi');
    const detail = await call('admin', 'GET', `/api/complaints/${id}`);
    expect(detail.body.events.at(-1)).toMatchObject({
      note: expect.stringContaining('Pak Budi'),
      publicNote: 'Terima kasih, laporan Anda lengkap.',
    });
  });

  it('accepts the suggestion in one step; a stale page gets 409 stale in Indonesian and changes nothing', async () => {
    const { id, chat } = await complaint();
    const accepted = await call('admin', 'POST', `/api/complaints/${id}/accept`, { expectedStatus: 'received' });
    expect(accepted).toMatchObject({ status: 200, body: { from: 'received', to: 'forwarded' } });
    const texts = await sentTo(chat, 'telah diverifikasi', 'telah diteruskan ke');
    expect(texts.filter((t) => t.includes('telah diverifikasi'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('telah diteruskan ke'))).toHaveLength(1);
    const events = await rt.ctx.db.statusEvent.count();
    const stale = await call('admin', 'POST', `/api/complaints/${id}/transitions`, {
      action: 'hold',
      expectedStatus: 'received',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toEqual({
      code: 'stale',
      message: expect.stringContaining('sudah diubah oleh petugas lain'),
    });
    expect((await call('admin', 'POST', `/api/complaints/${id}/accept`, { expectedStatus: 'received' })).status).toBe(
      409,
    );
    expect(await rt.ctx.db.statusEvent.count()).toBe(events);
  });

  it('sends a free-text reply once however often it is clicked, and refuses what cannot be delivered', async () => {
    const { id, chat } = await complaint();
    const body = { text: 'Mohon kirimkan foto lokasi jalan yang rusak, Pak/Bu.', requestId: 'reply-click-0001' };
    const first = await call('admin', 'POST', `/api/complaints/${id}/replies`, body);
    const again = await Promise.all([1, 2, 3].map(() => call('admin', 'POST', `/api/complaints/${id}/replies`, body)));
    expect(first.status).toBe(201);
    for (const r of again) expect(r.body.outboxId).toBe(first.body.outboxId);
    const texts = await sentTo(chat, 'Mohon kirimkan foto lokasi');
    expect(texts.filter((t) => t.includes('Mohon kirimkan foto lokasi'))).toHaveLength(1);
    expect((await queuedTo(chat)).filter((t) => t.includes('Mohon kirimkan foto lokasi'))).toHaveLength(1);
    const row = await rt.ctx.db.outbox.findUniqueOrThrow({ where: { id: first.body.outboxId } });
    expect(row).toMatchObject({ kind: 'reply', status: 'sent' });
    expect(row.userId).toBeTruthy();

    const long = await call('admin', 'POST', `/api/complaints/${id}/replies`, {
      text: 'a'.repeat(4096),
      requestId: 'reply-long-0001',
    });
    expect(long.status).toBe(400);
    expect(long.body.error).toEqual({ code: 'too_long', message: expect.stringMatching(/maksimal \d+ karakter/) });
    // X is not configured here: the channel is switched off.
    const x = await complaint('Lampu jalan di Jalan Sunan Ampel mati sejak seminggu lalu, gelap sekali.', 'x');
    const before = await rt.ctx.db.outbox.count();
    const off = await call('admin', 'POST', `/api/complaints/${x.id}/replies`, {
      text: 'Baik, kami cek.',
      requestId: 'reply-off-0001',
    });
    expect(off.status).toBe(409);
    expect(off.body.error).toEqual({ code: 'channel_off', message: expect.stringContaining('tidak aktif') });
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } });
    await rt.ctx.db.reporter.update({ where: { id: c.reporterId }, data: { blocked: true } });
    const blocked = await call('admin', 'POST', `/api/complaints/${id}/replies`, {
      text: 'Halo',
      requestId: 'reply-block-001',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toEqual({ code: 'reporter_blocked', message: expect.stringContaining('diblokir') });
    expect(await rt.ctx.db.outbox.count()).toBe(before);
  });

  it('keeps every reporter of a merged case informed: status updates, public notes and replies', async () => {
    const a = await complaint();
    const b = await complaint('Jalan di Lingkar Selatan Ciwandan berlubang parah, bahaya untuk pengendara motor.');
    const merged = await call('admin', 'POST', `/api/complaints/${b.id}/merge`, { into: a.id });
    expect(merged).toMatchObject({ status: 200, body: { trackingId: b.id, mergedInto: a.id } });
    await sentTo(b.chat, `dengan laporan ${a.id}`);
    expect(
      (await call('admin', 'GET', `/api/complaints?q=${encodeURIComponent('bahaya pengendara')}`)).body.total,
    ).toBe(0);
    await call('admin', 'POST', `/api/complaints/${a.id}/transitions`, {
      action: 'forward',
      agency: 'DPUTR',
      publicNote: 'Segera ditangani.',
    });
    await call('dputr', 'POST', `/api/complaints/${a.id}/notes`, {
      body: 'Tim akan menambal jalan Kamis ini.',
      visibility: 'public',
      requestId: 'note-merge-0001',
    });
    await call('admin', 'POST', `/api/complaints/${a.id}/replies`, {
      text: 'Terima kasih atas kesabarannya.',
      requestId: 'reply-merge-0001',
    });
    for (const r of [a, b]) {
      const own = r.id;
      const texts = await sentTo(
        r.chat,
        `Laporan ${own} telah diteruskan`,
        `Tindak lanjut laporan ${own}`,
        `Balasan petugas untuk laporan ${own}`,
      );
      expect(texts.some((t) => t.includes(`Laporan ${own} telah diteruskan`) && t.includes('Segera ditangani.'))).toBe(
        true,
      );
      expect(texts.some((t) => t.includes(`Tindak lanjut laporan ${own}`) && t.includes('menambal jalan Kamis'))).toBe(
        true,
      );
      expect(texts.some((t) => t.includes(`Balasan petugas untuk laporan ${own}`))).toBe(true);
    }
    const duplicate = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: b.id } });
    expect(duplicate.status).toBe('forwarded');
    const detail = await call('admin', 'GET', `/api/complaints/${a.id}`);
    expect(detail.body.duplicates).toEqual([{ trackingId: b.id, channel: 'telegram', status: 'forwarded' }]);
    expect(detail.body.conversation.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(2);
  });

  it('lets an officer follow up on their own agency only, and send a complaint back as "salah alamat"', async () => {
    const { id, chat } = await complaint();
    await call('admin', 'POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DPUTR' });
    const other = await call('dlh', 'POST', `/api/complaints/${id}/notes`, {
      body: 'Sudah dicek.',
      visibility: 'public',
      requestId: 'note-dlh-00001',
    });
    expect(other.status).toBe(404);
    expect((await call('dlh', 'POST', `/api/complaints/${id}/return`, { reason: 'Bukan urusan kami.' })).status).toBe(
      404,
    );
    const internal = await call('dputr', 'POST', `/api/complaints/${id}/notes`, {
      body: 'Anggaran tambal jalan habis.',
      visibility: 'internal',
      requestId: 'note-int-00001',
    });
    expect(internal.status).toBe(201);
    expect((await queuedTo(chat)).some((t) => t.includes('Anggaran'))).toBe(false);
    const back = await call('dputr', 'POST', `/api/complaints/${id}/return`, {
      reason: 'Ini saluran air, urusan DLH.',
    });
    expect(back).toMatchObject({ status: 200, body: { from: 'forwarded', to: 'received' } });
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } });
    expect(c).toMatchObject({ status: 'received', assignedAgency: null, needsReview: true });
    expect(await rt.ctx.db.labelledExample.count({ where: { complaintId: c.id, source: 'admin' } })).toBe(0);
    expect((await call('dputr', 'GET', `/api/complaints/${id}`)).status).toBe(404);
    const page = await call('admin', 'GET', `/api/complaints/${id}`);
    expect(page.body.notes.map((n: { body: string }) => n.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('salah alamat'), 'Anggaran tambal jalan habis.']),
    );
    await call('admin', 'POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DLH' });
    expect(
      await rt.ctx.db.labelledExample.findFirst({ where: { complaintId: c.id, source: 'correction' } }),
    ).toMatchObject({ label: 'DLH' });
    const start = await call('dlh', 'POST', `/api/complaints/${id}/transitions`, {
      action: 'start',
      publicNote: 'Petugas DLH sudah ke lokasi.',
    });
    expect(start.status).toBe(200);
    const resolve = await call('dlh', 'POST', `/api/complaints/${id}/transitions`, {
      action: 'resolve',
      publicNote: 'Saluran sudah dibersihkan.',
    });
    expect(resolve.status).toBe(200);
    await sentTo(chat, 'Petugas DLH sudah ke lokasi.', 'Saluran sudah dibersihkan.');
  });

  it('writes a double-clicked note once and splits a wrongly grouped message into a new complaint', async () => {
    const chat = String(++chatSeq);
    await rt.intake.ingest(textMessage(chat, POTHOLE));
    await rt.intake.ingest(textMessage(chat, 'Satu lagi: sampah di TPS Pasar Kranggot tidak diangkut seminggu.'));
    const c = await rt.ctx.db.complaint.findFirstOrThrow({ where: { replyAddress: `telegram:${chat}` } });
    const note = {
      body: 'Dua masalah berbeda dalam satu laporan.',
      visibility: 'internal',
      requestId: 'note-double-001',
    };
    const twice = await Promise.all(
      [1, 2].map(() => call('admin', 'POST', `/api/complaints/${c.trackingId}/notes`, note)),
    );
    expect(twice.map((r) => r.body.id)).toEqual([twice[0]?.body.id, twice[0]?.body.id]);
    expect(await rt.ctx.db.complaintNote.count({ where: { complaintId: c.id } })).toBe(1);
    const second = await rt.ctx.db.message.findFirstOrThrow({
      where: { complaintId: c.id, text: { contains: 'sampah' } },
    });
    const split = await call('admin', 'POST', `/api/complaints/${c.trackingId}/split`, { messageId: second.id });
    expect(split.status).toBe(200);
    const created = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: split.body.trackingId } });
    expect(created.text).toContain('sampah di TPS');
    expect((await rt.ctx.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).text).not.toContain('sampah');
    await sentTo(chat, `nomor pelacakan ${created.trackingId}`);
  });
});
