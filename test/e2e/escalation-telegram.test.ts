// Escalation end to end: an officer links Telegram with a code made through the admin API (real telegraf
// against the fake Bot API), a complaint's clocks cross 50/80/100% under an injected clock, two instances run
// the reminder job at the same moment, and the officer receives exactly one message per threshold. SQLite and
// PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigest } from '../../src/app/digest.js';
import { runEscalation } from '../../src/app/escalation.js';
import { purgeLinkLeftovers } from '../../src/app/officer-link-code.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram, SentMessage } from '../fakes/telegram-bot-api.js';
import { sentTo, telegramComplaint } from '../support/browser.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, adminClient, cookieClient, eventually, sessionCookie } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startRacingTelegramInstances } from '../support/telegram-runtime.js';

const HOLIDAYS = 'test/e2e/fixtures/escalation-holidays.json';
const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const MIN = 60_000;
const DAY = 86_400_000;

describe.each(providers)('escalation over Telegram on %s', (provider) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let rt: Runtime;
  let second: Runtime;
  // Friday 15 January 2027, 16:00 in Cilegon (WIB, UTC+7): the clock both instances read.
  let now = new Date('2027-01-15T09:00:00Z');
  const officerChat = 7001;
  const citizenChat = 4301;
  const officer = { email: 'budi@dputr.cilegon.go.id', password: 'petugas-dputr-123' };
  const head = { email: 'kepala@dputr.cilegon.go.id', password: 'kepala-dputr-123' };
  let officerId = '';
  let headId = '';
  let trackingId = '';

  beforeAll(async () => {
    // A fixed calendar: the 2027 year file holds estimates until its decree is imported.
    const calendar = { HOLIDAYS_FILE: HOLIDAYS };
    ({ fake, database, rt, second } = await startRacingTelegramInstances(provider, calendar, { now: () => now }));
    const admin = await adminClient(rt.url);
    /** Adds a DPUTR officer through the admin API; resolves their user id. */
    const addDputrOfficer = async (creds: { email: string; password: string }, name: string) => {
      const made = await admin('POST', '/api/users', { ...creds, name, role: 'officer', agencyCode: 'DPUTR' });
      return (made.body.user as { id: string }).id;
    };
    officerId = await addDputrOfficer(officer, 'Budi Santoso');
    headId = await addDputrOfficer(head, 'Ir. Sari Dewi');
    expect((await admin('PUT', `/api/users/${headId}/agency-head`, { agencyHead: true })).status).toBe(200);
  });
  afterAll(() => shutDown(second === rt ? undefined : second, rt, fake, database));

  const officerApi = async () => cookieClient(rt.url, await sessionCookie(rt.http, officer));
  const toOfficer = () => fake.sent.filter((m) => m.chat_id === String(officerChat));
  /** Both instances run the reminder job at the same moment, then the outbox is drained. */
  async function runBothAt(at: Date) {
    now = at;
    await Promise.all([runEscalation(rt.ctx), runEscalation(second.ctx)]);
    await rt.intake.settle();
    await rt.worker.drain();
    await second.intake.settle();
    await second.worker.drain();
  }

  it('links the officer chat with a one-time code, without opening a complaint or welcoming a citizen', async () => {
    const api = await officerApi();
    const made = await api('POST', '/api/me/link-code');
    expect(made.status).toBe(200);
    const code = String(made.body.code);
    expect(code).toMatch(/^\d{6}$/);
    expect(made.body.channels).toEqual(['telegram']);
    // Only the HMAC is stored, never the digits.
    const row = await rt.ctx.db.officerLinkCode.findFirstOrThrow({ where: { userId: officerId } });
    expect(row.codeHash).not.toContain(code);

    fake.pushUpdate(fake.textUpdate(officerChat, `/tautkan ${code}`, { first_name: 'Budi' }));
    const confirmed = await fake.waitForSent(sentTo(officerChat, 'sudah tertaut'));
    expect(confirmed.text).toContain('Budi Santoso');
    expect(toOfficer()).toHaveLength(1);
    expect(await rt.ctx.db.complaint.count()).toBe(0);
    expect(await rt.ctx.db.reporter.count()).toBe(0);
    const channels = await api('GET', '/api/me/channels');
    expect(channels.body.items).toMatchObject([{ channel: 'telegram', address: `telegram:${officerChat}` }]);

    // Single use: the same code again is refused politely.
    fake.pushUpdate(fake.textUpdate(officerChat, `TAUTKAN ${code}`));
    await fake.waitForSent(sentTo(officerChat, 'tidak dikenali atau sudah kedaluwarsa'));
  });

  it('refuses wrong and expired codes politely, and stops answering guesses after five an hour', async () => {
    const guesser = 7999;
    const api = await officerApi();
    const { code } = (await api('POST', '/api/me/link-code')).body as { code: string };
    const saved = now;
    now = new Date(now.getTime() + 16 * MIN); // past the 15-minute lifetime
    fake.pushUpdate(fake.textUpdate(guesser, `TAUTKAN ${code}`));
    await fake.waitForSent(sentTo(guesser, 'Sisa percobaan: 4 kali'));
    for (const guess of ['000001', '000002', '000003', '000004']) {
      fake.pushUpdate(fake.textUpdate(guesser, `tautkan ${guess}`));
    }
    await fake.waitForSent(sentTo(guesser, 'satu jam lagi'));
    fake.pushUpdate(fake.textUpdate(guesser, 'TAUTKAN 123456'));
    await fake.waitForSent(sentTo(guesser, 'terlalu banyak kode yang salah'));
    expect(await rt.ctx.db.officerChannel.count({ where: { address: `telegram:${guesser}` } })).toBe(0);
    expect(await rt.ctx.db.complaint.count()).toBe(0);
    // The job's clean-up: an hour later the wrong attempts and the spent and expired codes are gone.
    expect(await rt.ctx.db.officerLinkAttempt.count({ where: { address: `telegram:${guesser}` } })).toBe(5);
    await purgeLinkLeftovers(rt.ctx.db, new Date(now.getTime() + 61 * MIN));
    expect(await rt.ctx.db.officerLinkAttempt.count()).toBe(0);
    expect(await rt.ctx.db.officerLinkCode.count()).toBe(0);
    now = saved;
  });

  it('reminds reviewers of the verification clock in working time, not calendar time', async () => {
    trackingId = await telegramComplaint(
      fake,
      citizenChat,
      'jln di depan pasar kranggot berlubang besar, bahaya buat motor',
    );
    // Monday 06:00: 62 of 120 calendar hours but only 14 of 72 working hours (the weekend does not count).
    await runBothAt(new Date('2027-01-17T23:00:00Z'));
    expect(await rt.ctx.db.reminder.count()).toBe(0);
    // Tuesday 04:01: 36 working hours, half of the 3 working days.
    await runBothAt(new Date('2027-01-18T21:01:00Z'));
    const admin = await rt.ctx.db.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    const rows = await rt.ctx.db.reminder.findMany({ where: { clock: 'verify' } });
    expect(rows.map((r) => [r.userId, r.threshold, r.sent])).toEqual([[admin.id, 50, false]]);
    // The admin linked no chat: listed in the UI only, nothing sent anywhere.
    const list = await (await adminClient(rt.url))('GET', '/api/reminders');
    expect(list.body.items).toMatchObject([{ trackingId, clock: 'verify', threshold: 50, sent: false }]);
  });

  it('sends the officer exactly one reminder per threshold of the follow-up clock, even with two instances', async () => {
    const admin = await adminClient(rt.url);
    now = new Date('2027-01-18T22:00:00Z');
    expect((await admin('POST', `/api/complaints/${trackingId}/transitions`, { action: 'verify' })).status).toBe(200);
    const forwarded = await admin('POST', `/api/complaints/${trackingId}/transitions`, {
      action: 'forward',
      agency: 'DPUTR',
    });
    expect(forwarded.status).toBe(200);
    const start = now.getTime();
    await runBothAt(new Date(start + 15 * DAY - MIN));
    expect(toOfficer().filter((m) => m.text?.startsWith('Pengingat tindak lanjut'))).toHaveLength(0);
    const expectations: [number, string][] = [
      [15 * DAY + MIN, 'sudah berjalan 50%'],
      [24 * DAY + MIN, 'sudah berjalan 80%'],
      [30 * DAY + MIN, 'sudah habis'],
    ];
    for (const [offset, words] of expectations) {
      await runBothAt(new Date(start + offset));
      await runBothAt(new Date(start + offset + 5 * MIN)); // the next tick finds nothing new
      await fake.waitForSent(sentTo(officerChat, words));
    }
    const reminders = toOfficer().filter((m: SentMessage) => m.text?.startsWith('Pengingat tindak lanjut'));
    expect(reminders.map((m) => m.text?.match(/sudah (berjalan \d+%|habis)/)?.[0])).toEqual([
      'sudah berjalan 50%',
      'sudah berjalan 80%',
      'sudah habis',
    ]);
    expect(reminders.every((m) => m.text?.includes(trackingId))).toBe(true);
    expect(await rt.ctx.db.outbox.count({ where: { kind: { startsWith: 'reminder:' } } })).toBe(3);
    // The agency head hears at 100% only (no linked chat: listed, not sent).
    const headRows = await rt.ctx.db.reminder.findMany({ where: { userId: headId } });
    expect(headRows.map((r) => [r.clock, r.threshold, r.sent])).toEqual([['follow_up', 100, false]]);
    const listed = await (await officerApi())('GET', '/api/reminders');
    expect((listed.body.items as { threshold: number }[]).map((i) => i.threshold)).toEqual([100, 80, 50]);
  });

  it('sends one daily digest per user, naming the overdue complaint, even when both instances run it', async () => {
    const [a, b] = await Promise.all([runDigest(rt.ctx), runDigest(second.ctx)]);
    expect(a + b).toBe(1);
    await rt.intake.settle();
    await rt.worker.drain();
    await second.intake.settle();
    await second.worker.drain();
    const digest = await fake.waitForSent(sentTo(officerChat, 'Ringkasan harian'));
    expect(digest.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
    expect(digest.text).toContain(`Melewati tenggat (berisiko ditangani Ombudsman RI): 1 laporan (${trackingId}).`);
    expect(digest.text).toContain('Tenggat tindak lanjut dalam 2 hari: tidak ada.');
    expect(await runDigest(rt.ctx)).toBe(0);
  });

  it('drops a complaint from the Pengingat list once the agency followed up', async () => {
    const api = await officerApi();
    const trackingIds = async () =>
      ((await api('GET', '/api/reminders')).body.items as { trackingId: string }[]).map((i) => i.trackingId);
    expect(await trackingIds()).toContain(trackingId);
    const note = await api('POST', `/api/complaints/${trackingId}/notes`, {
      body: 'Tim sudah menambal lubang di depan pasar.',
      visibility: 'public',
      requestId: `follow-up-${trackingId}`,
    });
    expect(note.status).toBe(201);
    expect(await trackingIds()).not.toContain(trackingId);
  });

  it('sends at most five reminder messages per run and sums up the rest in one message', async () => {
    const admin = await adminClient(rt.url);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await telegramComplaint(fake, 4400 + i, `lampu jalan mati di gang ${i + 1} kelurahan jombang wetan`));
    }
    for (const id of ids) {
      await admin('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
      await admin('POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DPUTR' });
    }
    const before = toOfficer().length;
    await runBothAt(new Date(now.getTime() + 15 * DAY + MIN));
    await fake.waitForSent(sentTo(officerChat, 'Masih ada 2 pengingat tenggat lain'));
    await eventually(async () => toOfficer().length - before >= 6);
    const fresh = toOfficer().slice(before);
    expect(fresh.filter((m) => m.text?.startsWith('Pengingat tindak lanjut'))).toHaveLength(5);
    expect(fresh).toHaveLength(6);
    const rows = await rt.ctx.db.reminder.findMany({
      where: { userId: officerId, complaint: { trackingId: { in: ids } } },
    });
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.sent)).toHaveLength(5);
  });

  it('unlinks the chat: later reminders are listed but not sent', async () => {
    const api = await officerApi();
    const { items } = (await api('GET', '/api/me/channels')).body as { items: { id: string }[] };
    expect((await api('DELETE', `/api/me/channels/${items[0]?.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/me/channels/${items[0]?.id}`)).status).toBe(404);
    expect(await rt.ctx.db.officerChannel.count()).toBe(0);
    expect((await api('GET', '/api/me/channels')).body.items).toEqual([]);
  });

  it('sends reviewers the verification digest: unverified and past the deadline', async () => {
    const adminChat = 7002;
    const admin = await adminClient(rt.url);
    const { code } = (await admin('POST', '/api/me/link-code')).body as { code: string };
    fake.pushUpdate(fake.textUpdate(adminChat, `TAUTKAN ${code}`));
    await fake.waitForSent(sentTo(adminChat, 'sudah tertaut'));
    const late = await telegramComplaint(fake, 4500, 'sampah menumpuk di TPS pasar baru sudah seminggu belum diangkut');
    now = new Date(now.getTime() + 7 * DAY);
    expect(await runDigest(rt.ctx)).toBeGreaterThanOrEqual(1);
    await rt.intake.settle();
    await rt.worker.drain();
    const digest = await fake.waitForSent(sentTo(adminChat, 'Ringkasan harian verifikasi'));
    expect(digest.text).toContain('Laporan belum diverifikasi: 1 laporan.');
    expect(digest.text).toContain(`Melewati batas verifikasi 3 hari kerja: 1 laporan (${late}).`);
  });
});
