// Issue #2's walking skeleton over Telegram: the real telegraf client polling a fake Bot API server, the
// real HTTP admin API, the real outbox worker, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeTelegram } from '../fakes/telegram-bot-api.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { verifyAndForwardToDputr } from '../support/desk-actions.js';
import { adminClient, eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startTelegramRuntime } from '../support/telegram-runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('telegram round trip on %s', (provider) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let rt: Runtime;
  const chat = 4242;

  beforeAll(async () => {
    ({ fake, database, rt } = await startTelegramRuntime(provider));
  });
  afterAll(() => shutDown(rt, fake, database));

  let trackingId = '';

  it('acknowledges a message with a tracking ID, once even when Telegram redelivers it', async () => {
    const updateId = fake.pushUpdate(
      fake.textUpdate(chat, 'jln depan SDN 3 Jombang rusak parah gan, berlubang udh 2 bln gak dibenerin'),
    );
    const ack = await fake.waitForSent((m) => m.text?.includes('sudah kami terima dengan nomor pelacakan') ?? false);
    expect(ack.chat_id).toBe(String(chat));
    trackingId = findTrackingId(ack.text ?? '') ?? '';
    expect(trackingId).toMatch(/^CLG-\d{6}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}$/);

    fake.pushDuplicate(updateId);
    // A later message proves the duplicate was consumed before we count.
    fake.pushUpdate(fake.textUpdate(chat, `/status ${trackingId}`));
    await fake.waitForSent((m) => m.text?.startsWith(`Status laporan ${trackingId}`) ?? false);
    expect(await rt.ctx.db.complaint.count()).toBe(1);
    expect(fake.sent.filter((m) => m.text?.includes('sudah kami terima dengan nomor'))).toHaveLength(1);
    expect(fake.sent.filter((m) => m.text?.startsWith('Selamat datang'))).toHaveLength(1);
    expect(await rt.ctx.db.message.count({ where: { channel: 'telegram', direction: 'inbound' } })).toBe(2);
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(complaint.suggestedAgency).toBeTruthy();
    expect(JSON.parse(complaint.classification ?? '{}')).toHaveProperty('alternatives');
    expect(complaint.replyAddress).toBe(`telegram:${chat}`);
    // The acknowledgement is also on the conversation record, with the platform's message id.
    const out = await rt.ctx.db.message.findFirstOrThrow({
      where: { direction: 'outbound', complaintId: complaint.id, kind: 'ack' },
    });
    expect(out.externalId).toBe(`out:${ack.message_id}`);
  });

  it('sends the reporter a message for verify and for forward, naming the agency in words', async () => {
    const before = fake.sent.length;
    const api = await verifyAndForwardToDputr(rt.url, trackingId);
    const [verified, forwarded] = (await fake.waitForSent(before + 2)).slice(before);
    expect(verified?.chat_id).toBe(String(chat));
    expect(verified?.text).toContain(`Laporan ${trackingId} telah diverifikasi`);
    expect(forwarded?.chat_id).toBe(String(chat));
    expect(forwarded?.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
    expect(forwarded?.text).not.toContain('DPUTR');
    // The clocks are visible: verified in time, the agency's 30 days running.
    const detail = await api('GET', `/api/complaints/${trackingId}`);
    expect(detail.body.clocks).toMatchObject({ verify: { state: 'met' }, followUp: { state: 'running' } });
    expect((await api('GET', '/api/stats')).body).toMatchObject({ overdue: { verify: 0, followUp: 0 } });
  });

  it('answers /status and "cek" with the current status', async () => {
    fake.pushUpdate(fake.textUpdate(chat, `cek ${trackingId.toLowerCase()} ya min`));
    const reply = await fake.waitForSent((m) => m.text?.includes('Diteruskan ke perangkat daerah') ?? false);
    expect(reply.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
  });

  it('waits for retry_after when Telegram answers 429, then delivers', async () => {
    const api = await adminClient(rt.url);
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await api('POST', `/api/complaints/${trackingId}/transitions`, {
      action: 'start',
      publicNote: 'Tim sudah survei lokasi.',
    });
    // "Too many requests" is not a failed attempt: the row waits with its attempt count unchanged.
    const attempt = await eventually(async () =>
      rt.ctx.db.deliveryAttempt.findFirst({ where: { outcome: 'retry', outbox: { kind: 'status:in_progress' } } }),
    );
    const row = await rt.ctx.db.outbox.findUniqueOrThrow({ where: { id: attempt.outboxId } });
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(attempt).toMatchObject({ outcome: 'retry', retryAfterMs: 1000 });
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(500);
    await rt.intake.settle();
    await rt.worker.drain();
    expect(fake.sent.some((m) => m.text?.includes('Tim sudah survei lokasi.'))).toBe(false);
    // The retry becomes due, as time passing would make it.
    await rt.ctx.db.outbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await rt.intake.settle();
    await rt.worker.drain();
    expect(fake.sent.some((m) => m.text?.includes('Tim sudah survei lokasi.'))).toBe(true);
    expect(await rt.ctx.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('answers a sticker politely and stores it', async () => {
    fake.pushUpdate(fake.stickerUpdate(chat));
    const reply = await fake.waitForSent((m) => m.text?.includes('baru dapat menerima pesan teks') ?? false);
    expect(reply.chat_id).toBe(String(chat));
    expect(await rt.ctx.db.message.count({ where: { kind: 'unsupported' } })).toBe(1);
  });
});
