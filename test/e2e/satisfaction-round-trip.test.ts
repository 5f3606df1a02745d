// Reporter satisfaction end to end, on SQLite and PostgreSQL: a pothole reported on Telegram (telegraf against
// the fake Bot API) and on WhatsApp (signed webhooks, the fake Graph API) merged into one case; resolving it
// asks both reporters on their own channel; "5 terima kasih" is stored and thanked without reopening,
// "2 jalannya masih rusak" flags and reopens; the figures reach the dashboard, the public statistics and a
// webhook subscriber; a reply after the window and a new complaint that starts with a number are not ratings.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { type FakeWhatsAppCloud, startFakeWhatsAppCloud } from '../fakes/whatsapp-cloud.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, eventually, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const secrets = { appSecret: 'sat-app-secret', accessToken: 'sat-access-token' };
const waId = '6281355556666';
const DAY = 86_400_000;
// A shared 2-core machine under load answers slowly; this is a ceiling, not a timing assertion.
const WAIT_MS = 30_000;

describe.each(providers)('satisfaction on every channel on %s', (provider) => {
  let tg: FakeTelegram;
  let wa: FakeWhatsAppCloud;
  let database: TestDatabase;
  let rt: Runtime;
  let api: Awaited<ReturnType<typeof adminClient>>;
  let receiver: Server;
  const hooks: { event: string; body: { data: Record<string, unknown> } }[] = [];
  let offsetMs = 0;
  const ids = { telegram: '', whatsapp: '' };

  beforeAll(async () => {
    tg = await startFakeTelegram();
    wa = await startFakeWhatsAppCloud(secrets);
    database = await freshDatabase(provider);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        hooks.push({ event: String(req.headers['x-kanal-aduan-event']), body: JSON.parse(body) });
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    rt = await startTestRuntime(
      {
        DATABASE_URL: database.url,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.url,
        WHATSAPP_MODE: 'cloud',
        WHATSAPP_GRAPH_BASE_URL: wa.url,
        WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
        WHATSAPP_ACCESS_TOKEN: secrets.accessToken,
        WHATSAPP_APP_SECRET: secrets.appSecret,
        WHATSAPP_VERIFY_TOKEN: 'sat-verify',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      },
      { now: () => new Date(Date.now() + offsetMs) },
    );
    api = await adminClient(rt.url);
    const port = (receiver.address() as AddressInfo).port;
    const sub = await api('POST', '/api/webhooks/subscribers', {
      name: 'Dasbor kota',
      url: `http://127.0.0.1:${port}/hook`,
      events: ['complaint.created', 'complaint.rated'],
    });
    expect(sub.status).toBe(201);
  });
  afterAll(async () => {
    await rt?.stop();
    await tg?.close();
    await wa?.close();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    await database?.drop();
  });

  const tgSay = (chat: number, text: string) => tg.pushUpdate(tg.textUpdate(chat, text));
  const tgWait = (chat: number, needle: string) =>
    tg.waitForSent((m) => m.chat_id === String(chat) && (m.text?.includes(needle) ?? false), WAIT_MS);
  const waSay = async (text: string) => {
    const { rawBody, headers } = wa.signedWebhook(wa.textWebhook({ from: waId, name: 'Rina', body: text }));
    expect((await fetch(`${rt.url}/webhooks/whatsapp`, { method: 'POST', headers, body: rawBody })).status).toBe(200);
  };
  const waWait = (needle: string) =>
    wa.waitForSent((m) => m.to === waId && (m.text?.body.includes(needle) ?? false), WAIT_MS);
  const complaint = (trackingId: string) => rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
  const move = async (id: string, action: string, extra: object = {}) => {
    const res = await api('POST', `/api/complaints/${id}/transitions`, { action, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  /** The complaint just filed from `chat`: forwarded to `agency`, resolved, and the rating question received. */
  const resolvedAndAsked = async (chat: number, agency: string) => {
    const id = findTrackingId((await tgWait(chat, 'sudah kami terima dengan nomor pelacakan')).text ?? '') ?? '';
    await move(id, 'forward', { agency });
    await move(id, 'resolve');
    await tgWait(chat, 'Balas dengan angka 1 sampai 5');
    return id;
  };

  it('one pothole from Telegram and WhatsApp, merged, resolved: both reporters are asked on their channel', async () => {
    tgSay(6101, 'jln Lingkar Selatan depan pom bensin bolong gede, udah 2 minggu gak ditambal');
    ids.telegram = findTrackingId((await tgWait(6101, 'sudah kami terima dengan nomor pelacakan')).text ?? '') ?? '';
    await waSay('Pak, jalan Lingkar Selatan dekat SPBU berlubang dalam, bahaya buat motor');
    ids.whatsapp = findTrackingId((await waWait('sudah kami terima dengan nomor pelacakan')).text?.body ?? '') ?? '';
    expect((await api('POST', `/api/complaints/${ids.whatsapp}/merge`, { into: ids.telegram })).status).toBe(200);
    await move(ids.telegram, 'verify');
    await move(ids.telegram, 'forward', { agency: 'DPUTR' });
    await move(ids.telegram, 'resolve', { publicNote: 'Lubang sudah ditambal dengan aspal hotmix.' });

    const tgQuestion = await tgWait(6101, 'Balas dengan angka 1 sampai 5');
    expect(tgQuestion.text).toContain(`penanganan laporan ${ids.telegram}`);
    const waQuestion = await waWait('Balas dengan angka 1 sampai 5');
    expect(waQuestion.text?.body).toContain(`penanganan laporan ${ids.whatsapp}`);
    // The question comes after the "resolved" notice, once per reporter.
    const tgTexts = tg.sent.filter((m) => m.chat_id === '6101').map((m) => m.text ?? '');
    const resolvedAt = tgTexts.findIndex((t) => t.includes('telah dinyatakan selesai'));
    expect(resolvedAt).toBeGreaterThanOrEqual(0);
    expect(tgTexts.findIndex((t) => t.includes('Balas dengan angka'))).toBeGreaterThan(resolvedAt);
    expect(await rt.ctx.db.outbox.count({ where: { kind: 'satisfaction' } })).toBe(2);
    expect((await complaint(ids.telegram)).ratingAskedAt).not.toBeNull();
  });

  it('"5 terima kasih" on Telegram is the rating: stored, thanked, not reopened, sent to the subscriber', async () => {
    tgSay(6101, '5 terima kasih');
    const thanks = await tgWait(6101, 'Terima kasih atas penilaian Anda');
    expect(thanks.text).toContain('nilai 5 dari 5');
    const c = await complaint(ids.telegram);
    expect(c).toMatchObject({ status: 'resolved', rating: 5, ratingComment: 'terima kasih', flaggedAt: null });
    await rt.webhooks.drain();
    const rated = await eventually(async () => hooks.find((h) => h.event === 'complaint.rated'));
    expect(rated.body.data).toMatchObject({ trackingId: ids.telegram, rating: 5, agency: 'DPUTR' });
    expect(hooks.filter((h) => h.event === 'complaint.created').map((h) => h.body.data.trackingId)).toEqual(
      expect.arrayContaining([ids.telegram, ids.whatsapp]),
    );
  });

  it('"2 jalannya masih rusak" on WhatsApp rates 2, flags the case for the admins and reopens it', async () => {
    await waSay('2 jalannya masih rusak, tambalannya sudah lepas lagi');
    await waWait(`laporan ${ids.whatsapp} kami buka kembali`);
    const dup = await complaint(ids.whatsapp);
    expect(dup).toMatchObject({ rating: 2, ratingComment: 'jalannya masih rusak, tambalannya sudah lepas lagi' });
    const c = await complaint(ids.telegram);
    expect(c).toMatchObject({ status: 'in_progress', flagReason: 'low_rating' });
    expect(c.flaggedAt).not.toBeNull();
    // The complaint page shows both reporters' ratings and the flag.
    const page = await api('GET', `/api/complaints/${ids.telegram}`);
    expect(page.body.ratings).toEqual([
      expect.objectContaining({ trackingId: ids.telegram, rating: 5, channel: 'telegram' }),
      expect.objectContaining({ trackingId: ids.whatsapp, rating: 2, channel: 'whatsapp' }),
    ]);
    expect(page.body.flag).toMatchObject({ reason: 'low_rating', label: 'Pelapor memberi penilaian rendah' });
  });

  it('the dashboard shows ratings per agency and the flagged case; the public figures withhold fewer than 5', async () => {
    const dash = await api('GET', '/api/dashboard');
    expect(dash.body.satisfaction).toMatchObject({
      count: 2,
      average: 3.5,
      perAgency: [{ agency: 'DPUTR', count: 2, average: 3.5, low: 1, distribution: [0, 1, 0, 0, 1] }],
      flagged: [expect.objectContaining({ trackingId: ids.telegram, flagReason: 'low_rating' })],
    });
    const pub = (await (await fetch(`${rt.url}/api/public/stats`)).json()) as Record<string, unknown>;
    expect(pub.satisfaction).toEqual({
      rated: null,
      average: null,
      perAgency: [{ code: 'DPUTR', name: 'Dinas Pekerjaan Umum dan Tata Ruang', rated: null, average: null }],
    });
    expect((await api('POST', `/api/complaints/${ids.telegram}/flag/clear`)).status).toBe(200);
    expect((await complaint(ids.telegram)).flaggedAt).toBeNull();
    expect((await api('POST', `/api/complaints/${ids.telegram}/flag/clear`)).status).toBe(404);
  });

  it('"belum selesai" alone reopens; a new complaint starting with a number is not a rating', async () => {
    tgSay(6102, 'Lampu PJU di gang Mawar Kelurahan Jombang Wetan mati semua sejak minggu lalu');
    const id = await resolvedAndAsked(6102, 'DISPERKIM');
    tgSay(6102, 'belum selesai pak');
    await tgWait(6102, `laporan ${id} kami buka kembali`);
    expect(await complaint(id)).toMatchObject({ status: 'in_progress', rating: null, ratingAskedAt: null });
    expect((await complaint(id)).ratedAt).not.toBeNull();

    // Nobody asked chat 6103 anything: "2 lampu mati…" is a new complaint with its own tracking ID.
    tgSay(6103, '2 lampu mati di jl Sudirman depan Ramayana, gelap sekali kalau malam');
    const fresh = findTrackingId((await tgWait(6103, 'sudah kami terima dengan nomor pelacakan')).text ?? '') ?? '';
    expect(await complaint(fresh)).toMatchObject({ rating: null, status: 'received' });
  });

  it('the web form reporter is asked on the private page and rates with its form: low scores flag too', async () => {
    const res = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: randomBytes(16).toString('base64url'),
        text: 'Drainase di Jl. Kubang Sari mampet, air meluap ke jalan setiap hujan',
        privacy: 'named',
      }),
    });
    const { trackingId: id, privateUrl } = (await res.json()) as { trackingId: string; privateUrl: string };
    await move(id, 'forward', { agency: 'DPUTR' });
    await move(id, 'resolve');
    const page = await (await fetch(`${rt.url}${new URL(privateUrl, rt.url).pathname}`)).text();
    expect(page).toContain('formulir penilaian di halaman ini');
    const form = new FormData();
    for (const [k, v] of Object.entries({
      actionId: randomBytes(16).toString('base64url'),
      action: 'rate',
      trackingId: id,
      rating: '1',
      text: 'Masih meluap kemarin sore',
    }))
      form.append(k, v);
    const rated = await fetch(`${rt.url}${new URL(privateUrl, rt.url).pathname}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(rated.status).toBe(303);
    expect(await complaint(id)).toMatchObject({ rating: 1, flagReason: 'low_rating' });
    await rt.webhooks.drain();
    await eventually(async () => hooks.find((h) => h.event === 'complaint.rated' && h.body.data.trackingId === id));
  });

  it('after the window a number is no rating: intake handles it as before (a bare "4" closes the loop)', async () => {
    tgSay(6104, 'Sampah di TPS Kebondalem tidak diangkut sudah lima hari, bau sekali');
    const id = await resolvedAndAsked(6104, 'DLH');
    offsetMs = 8 * DAY;
    try {
      tgSay(6104, '4');
      const processed = () =>
        rt.ctx.db.message.findFirst({ where: { channel: 'telegram', text: '4', state: 'processed' } });
      await eventually(processed, WAIT_MS);
      expect(await complaint(id)).toMatchObject({ status: 'resolved', rating: null, ratedAt: null });
      expect(tg.sent.filter((m) => m.chat_id === '6104' && m.text?.includes('atas penilaian Anda'))).toHaveLength(0);
    } finally {
      offsetMs = 0;
    }
  });
});
