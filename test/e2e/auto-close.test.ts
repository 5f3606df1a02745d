// The SP4N-LAPOR closing rule end to end over Telegram: an agency follows up, the reporter is warned after 7
// working days without an answer and the complaint is closed after 10 (once, even with two instances); a
// reporter who answers in between keeps theirs open. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_CLOSE_ACTOR, runAutoClose } from '../../src/app/auto-close.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { sentTo, telegramComplaint } from '../support/browser.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startRacingTelegramInstances } from '../support/telegram-runtime.js';

const HOLIDAYS = 'test/e2e/fixtures/escalation-holidays.json';
const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const SETTINGS = { afterWorkingDays: 10, warnWorkingDays: 3 };

describe.each(providers)('automatic closing on %s', (provider) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let rt: Runtime;
  let second: Runtime;
  // Monday 1 February 2027, 09:00 in Cilegon (WIB).
  let now = new Date('2027-02-01T02:00:00Z');
  const silent = 5101;
  const answering = 5102;
  const ids: Record<number, string> = {};

  beforeAll(async () => {
    // A fixed calendar: the 2027 year file holds estimates until its decree is imported.
    const calendar = { HOLIDAYS_FILE: HOLIDAYS };
    ({ fake, database, rt, second } = await startRacingTelegramInstances(provider, calendar, { now: () => now }));
  });
  afterAll(() => shutDown(second === rt ? undefined : second, rt, fake, database));

  async function runBothAt(at: Date) {
    now = at;
    const [a, b] = await Promise.all([runAutoClose(rt.ctx, SETTINGS), runAutoClose(second.ctx, SETTINGS)]);
    await rt.intake.settle();
    await rt.worker.drain();
    return { warned: a.warned + b.warned, closed: a.closed + b.closed };
  }

  it('the agency follows up on two complaints (Monday 10:00)', async () => {
    const api = await adminClient(rt.url);
    ids[silent] = await telegramComplaint(fake, silent, 'lampu jalan di lingkungan sumampir mati sudah seminggu');
    ids[answering] = await telegramComplaint(fake, answering, 'saluran air depan rumah di kelurahan ramanuju mampet');
    now = new Date('2027-02-01T03:00:00Z');
    for (const id of Object.values(ids)) {
      await api('POST', `/api/complaints/${id}/transitions`, { action: 'verify' });
      await api('POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DPUTR' });
      await api('POST', `/api/complaints/${id}/transitions`, { action: 'start' });
      const note = await api('POST', `/api/complaints/${id}/notes`, {
        body: 'Petugas sudah mengecek lokasi. Mohon kirim foto terbaru bila masalah masih ada.',
        visibility: 'public',
        requestId: `note-${id}`,
      });
      expect(note.status).toBe(201);
    }
    await rt.intake.settle();
    await rt.worker.drain();
    await fake.waitForSent(sentTo(silent, 'Mohon kirim foto terbaru'));
  });

  it('warns the reporter after 7 working days without an answer, once', async () => {
    // Thursday 11 February 09:59: 6 working days and 23 hours (the weekend and the holiday on Monday 8 February
    // do not count).
    expect(await runBothAt(new Date('2027-02-11T02:59:00Z'))).toEqual({ warned: 0, closed: 0 });
    expect(await runBothAt(new Date('2027-02-11T03:01:00Z'))).toEqual({ warned: 2, closed: 0 });
    expect(await runBothAt(new Date('2027-02-11T03:10:00Z'))).toEqual({ warned: 0, closed: 0 });
    const warning = await fake.waitForSent(sentTo(silent, 'belum menerima tanggapan Anda'));
    expect(warning.text).toContain(ids[silent]);
    expect(warning.text).toContain('Selasa, 16 Februari 2027');
    expect(fake.sent.filter(sentTo(silent, 'belum menerima tanggapan Anda'))).toHaveLength(1);
  });

  it('closes the silent one after 10 working days, keeps the answered one open', async () => {
    fake.pushUpdate(fake.textUpdate(answering, 'masih mampet pak, belum ada perbaikan sama sekali'));
    // Intake opens a new complaint for it (a reply days later is not appended): its acknowledgement is the second.
    await eventually(async () => fake.sent.filter(sentTo(answering, 'sudah kami terima')).length === 2);
    expect(await runBothAt(new Date('2027-02-16T02:59:00Z'))).toEqual({ warned: 0, closed: 0 });
    expect(await runBothAt(new Date('2027-02-16T03:02:00Z'))).toEqual({ warned: 0, closed: 1 });
    const closed = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: ids[silent] } });
    expect(closed.status).toBe('resolved');
    const events = await rt.ctx.db.statusEvent.findMany({ where: { complaintId: closed.id, action: 'resolve' } });
    expect(events).toMatchObject([{ actor: AUTO_CLOSE_ACTOR, fromStatus: 'in_progress', toStatus: 'resolved' }]);
    const told = await fake.waitForSent(sentTo(silent, 'ditutup otomatis'));
    expect(told.text).toContain('10 hari kerja');
    const open = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: ids[answering] } });
    expect(open.status).toBe('in_progress');
    expect(await runBothAt(new Date('2027-03-15T03:00:00Z'))).toEqual({ warned: 0, closed: 0 });
  });
});
