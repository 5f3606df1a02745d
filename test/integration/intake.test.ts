// The intake pipeline against real databases: storage first, idempotency by unique index, grouping of
// messages into one complaint, commands, reopening, and the outbox written in the same transaction.
import { describe, expect, it } from 'vitest';
import { createIntake, type Intake } from '../../src/app/intake.js';
import { applyTransition } from '../../src/app/transitions.js';
import { overdueWhere } from '../../src/domain/sla.js';
import { freshIntakeForEachTest, POTHOLE_REPORT, type TestContext, textMessage } from '../support/app-context.js';
import { providersToTest } from '../support/databases.js';

describe.each(await providersToTest())('intake on %s', (provider) => {
  let t: TestContext;
  let intake: Intake;
  freshIntakeForEachTest(provider, (fresh) => ({ t, intake } = fresh));

  // The first-contact welcome is checked in conversation.test.ts; here we look at the other replies.
  const outboxTexts = async () =>
    (await t.ctx.db.outbox.findMany({ where: { kind: { not: 'welcome' } }, orderBy: { createdAt: 'asc' } })).map(
      (o) => o.text,
    );

  it('stores a message, opens a complaint with a tracking ID and queues one acknowledgement', async () => {
    const msg = textMessage('100', POTHOLE_REPORT);
    const first = await intake.ingest(msg);
    const again = await intake.ingest({ ...msg });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    const complaints = await t.ctx.db.complaint.findMany();
    expect(complaints).toHaveLength(1);
    expect(complaints[0]?.trackingId).toMatch(/^CLG-261128-[2-9A-Z]{4}$/);
    expect(complaints[0]?.status).toBe('received');
    const texts = await outboxTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(complaints[0]?.trackingId);
    const stored = await t.ctx.db.message.findFirstOrThrow();
    expect(JSON.parse(stored.payload).raw).toEqual({ text: POTHOLE_REPORT });
    expect(stored.state).toBe('processed');
  });

  it('groups messages sent within the merge window into one complaint, and starts a new one after it', async () => {
    await intake.ingest(textMessage('101', 'Lampu jalan mati di Jl. Ahmad Yani'));
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 60_000);
    await intake.ingest(
      textMessage('101', 'sudah seminggu, depan masjid', {
        kind: 'location',
        location: { latitude: -6.01, longitude: 106.05 },
      }),
    );
    await intake.ingest(
      textMessage('101', '', { kind: 'photo', attachments: [{ kind: 'photo', platformFileId: 'f1' }] }),
    );
    let complaints = await t.ctx.db.complaint.findMany({ include: { attachments: true } });
    expect(complaints).toHaveLength(1);
    expect(complaints[0]?.text).toBe('Lampu jalan mati di Jl. Ahmad Yani\nsudah seminggu, depan masjid');
    expect(complaints[0]).toMatchObject({ latitude: -6.01, longitude: 106.05 });
    expect(complaints[0]?.attachments).toHaveLength(1);
    expect(await outboxTexts()).toHaveLength(1);
    t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
    await intake.ingest(textMessage('101', 'Sampah numpuk di TPS Kebondalem sudah 3 hari tidak diangkut'));
    complaints = await t.ctx.db.complaint.findMany({ include: { attachments: true } });
    expect(complaints).toHaveLength(2);
  });

  it('serialises simultaneous messages of one reporter into one complaint', async () => {
    await Promise.all(
      ['Air PDAM mati', 'sudah 3 hari', 'di Perum Bumi Waringin', 'tolong dicek'].map((s) =>
        intake.ingest(textMessage('102', s)),
      ),
    );
    expect(await t.ctx.db.complaint.count()).toBe(1);
    expect(await t.ctx.db.reporter.count()).toBe(1);
  });

  it('answers bad input politely and never loses it', async () => {
    await intake.ingest(textMessage('103', '   '));
    await intake.ingest(textMessage('103', '', { kind: 'unsupported' }));
    await intake.ingest(textMessage('104', '🙏🙏🙏😭'));
    await intake.ingest(textMessage('105', `Jalan rusak ${'parah '.repeat(4000)}`));
    const texts = await outboxTexts();
    expect(texts[0]).toContain('pesan Anda kosong');
    expect(texts[1]).toContain('baru dapat menerima pesan teks, foto, dan lokasi');
    expect(await t.ctx.db.message.count({ where: { state: 'processed' } })).toBe(4);
    const long = await t.ctx.db.complaint.findFirstOrThrow({
      where: { reporter: { identities: { some: { externalId: '105' } } } },
    });
    expect(long.text.length).toBe(10_000);
  });

  it('tells an emergency to call 112 before anything else', async () => {
    await intake.ingest(
      textMessage('106', 'TOLONG ada kebakaran rumah di Ciwandan sekarang, api besar, ada orang di dalam!'),
    );
    const rows = await t.ctx.db.outbox.findMany({ orderBy: { nextAttemptAt: 'asc' } });
    expect(rows.map((r) => r.kind)).toEqual(['emergency', 'welcome', 'ack']);
    expect(rows[0]?.text).toContain('112');
  });

  it('answers "status <id>" and lists open complaints for a bare "status"', async () => {
    await intake.ingest(textMessage('107', POTHOLE_REPORT));
    const { trackingId } = await t.ctx.db.complaint.findFirstOrThrow();
    t.clock.now = new Date(t.clock.now.getTime() + 60 * 60_000);
    await intake.ingest(textMessage('107', `status ${trackingId.toLowerCase()}`));
    await intake.ingest(textMessage('107', 'status'));
    await intake.ingest(textMessage('107', 'cek CLG-261128-ZZZZ'));
    const texts = await outboxTexts();
    expect(texts[1]).toContain(`Status laporan ${trackingId}: Diterima, menunggu verifikasi.`);
    expect(texts[2]).toContain(`• ${trackingId}: Diterima, menunggu verifikasi`);
    expect(texts[3]).toContain('tidak kami temukan');
    expect(await t.ctx.db.complaint.count()).toBe(1);
  });

  it('reopens a resolved complaint when the reporter writes again, but not for a thank-you', async () => {
    await intake.ingest(textMessage('108', POTHOLE_REPORT));
    const { trackingId } = await t.ctx.db.complaint.findFirstOrThrow();
    for (const action of ['verify', 'forward', 'resolve'] as const) {
      await applyTransition(t.ctx, { trackingId, action, agency: 'DPUTR', actor: 'admin@test' });
    }
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    await intake.ingest(textMessage('108', 'terima kasih banyak min'));
    expect((await t.ctx.db.complaint.findFirstOrThrow()).status).toBe('resolved');
    await intake.ingest(textMessage('108', 'lubangnya muncul lagi setelah hujan kemarin, mohon dicek ulang'));
    const c = await t.ctx.db.complaint.findFirstOrThrow();
    expect(c.status).toBe('in_progress');
    expect(await t.ctx.db.complaint.count()).toBe(1);
    expect((await outboxTexts()).at(-1)).toContain('kami buka kembali');
  });

  it('writes status, audit event and notification together, or none of them', async () => {
    await intake.ingest(textMessage('109', POTHOLE_REPORT));
    const { trackingId } = await t.ctx.db.complaint.findFirstOrThrow();
    const counts = async () => [await t.ctx.db.statusEvent.count(), await t.ctx.db.outbox.count()];
    const before = await counts();
    await expect(applyTransition(t.ctx, { trackingId, action: 'resolve', actor: 'a' })).rejects.toThrow(
      /cannot resolve/,
    );
    await expect(applyTransition(t.ctx, { trackingId, action: 'forward', agency: 'NOPE', actor: 'a' })).rejects.toThrow(
      /does not exist/,
    );
    expect(await counts()).toEqual(before);
    await applyTransition(t.ctx, { trackingId, action: 'forward', agency: 'DLH', actor: 'a' });
    expect(await counts()).toEqual([(before[0] as number) + 1, (before[1] as number) + 1]);
    const example = await t.ctx.db.labelledExample.findFirstOrThrow();
    expect(example).toMatchObject({ label: 'DLH', source: 'admin' });
  });

  it('refers a complaint to an outside authority and tells the reporter where to go', async () => {
    await intake.ingest(textMessage('112', 'Listrik padam sejak pagi di Kelurahan Ramanuju, token sudah diisi'));
    const { trackingId } = await t.ctx.db.complaint.findFirstOrThrow();
    await expect(applyTransition(t.ctx, { trackingId, action: 'refer', actor: 'a' })).rejects.toThrow(/needs a note/);
    await expect(applyTransition(t.ctx, { trackingId, action: 'refer', agency: 'DPUTR', actor: 'a' })).rejects.toThrow(
      /not an outside authority/,
    );
    await applyTransition(t.ctx, { trackingId, action: 'refer', agency: 'PLN', actor: 'a' });
    const c = await t.ctx.db.complaint.findFirstOrThrow();
    expect(c.status).toBe('referred');
    expect(c.referredTo).toContain('PLN');
    const text = (await outboxTexts()).at(-1) ?? '';
    expect(text).toContain(`Laporan ${trackingId} bukan kewenangan Pemerintah Kota Cilegon`);
    expect(text).toContain('PLN Mobile');
    expect(await t.ctx.db.labelledExample.findFirstOrThrow()).toMatchObject({ label: 'PLN', source: 'admin' });
  });

  it('keeps the SLA clocks: 3 working days to verify, 30 days to follow up, restarted on reopen', async () => {
    t.clock.now = new Date('2026-11-27T09:00:00Z'); // Friday 16:00 WIB
    await intake.ingest(textMessage('113', POTHOLE_REPORT));
    const { trackingId } = await t.ctx.db.complaint.findFirstOrThrow();
    expect((await t.ctx.db.complaint.findFirstOrThrow()).verifyDueAt).toEqual(new Date('2026-12-02T09:00:00Z'));
    const overdue = (kind: 'verify' | 'follow_up') =>
      t.ctx.db.complaint.count({ where: overdueWhere(kind, t.clock.now) });
    t.clock.now = new Date('2026-12-03T00:00:00Z');
    expect(await overdue('verify')).toBe(1);
    await applyTransition(t.ctx, { trackingId, action: 'forward', agency: 'DPUTR', actor: 'a' });
    expect(await overdue('verify')).toBe(0);
    const forwarded = await t.ctx.db.complaint.findFirstOrThrow();
    expect(forwarded.followUpDueAt).toEqual(new Date('2027-01-02T00:00:00Z'));
    t.clock.now = new Date('2027-01-03T00:00:00Z');
    expect(await overdue('follow_up')).toBe(1);
    await applyTransition(t.ctx, { trackingId, action: 'start', note: 'Survei lokasi.', actor: 'a' });
    expect(await overdue('follow_up')).toBe(0);
    await applyTransition(t.ctx, { trackingId, action: 'resolve', actor: 'a' });
    await applyTransition(t.ctx, { trackingId, action: 'reopen', actor: 'a' });
    const reopened = await t.ctx.db.complaint.findFirstOrThrow();
    expect(reopened).toMatchObject({ status: 'in_progress', followedUpAt: null });
    expect(reopened.followUpDueAt).toEqual(new Date('2027-02-02T00:00:00Z'));
  });

  it('keeps messages of a blocked reporter without answering them', async () => {
    await intake.ingest(textMessage('110', POTHOLE_REPORT));
    await t.ctx.db.reporter.updateMany({ data: { blocked: true } });
    await intake.ingest(textMessage('110', 'spam spam spam beli pulsa murah'));
    expect(await t.ctx.db.message.count()).toBe(2);
    expect(await outboxTexts()).toHaveLength(1);
  });

  it('recovers messages that were stored but not processed', async () => {
    const stored = await t.ctx.db.message.create({
      data: {
        channel: 'telegram',
        externalId: 'crashed-1',
        direction: 'inbound',
        kind: 'text',
        text: POTHOLE_REPORT,
        payload: JSON.stringify({ normalised: textMessage('111', POTHOLE_REPORT), raw: {} }),
        createdAt: new Date(t.clock.now.getTime() - 60_000),
      },
    });
    // Two instances' recovery jobs racing for the same message open one complaint.
    const other = createIntake(t.ctx);
    const [a, b] = await Promise.all([intake.recover(), other.recover()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: stored.id } })).state).toBe('processed');
    expect(await t.ctx.db.complaint.count()).toBe(1);
    expect(await t.ctx.db.outbox.count({ where: { kind: 'ack' } })).toBe(1);
  });
});
