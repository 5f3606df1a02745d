// Regression tests for issue #9 at the intake level, on both databases: flood protection bounded around each
// message's own time, delivery statuses moving the Outbox row (failure after acceptance retried or failed),
// unreachable recipients skipped, public chatter never answered, and chatter promoted by the desk.
import { describe, expect, it } from 'vitest';
import { promoteChatter } from '../../src/app/chatter-promote.js';
import type { Intake } from '../../src/app/intake.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import { freshIntakeForEachTest, POTHOLE_REPORT, type TestContext, textMessage } from '../support/app-context.js';
import { providersToTest } from '../support/databases.js';

describe.each(await providersToTest())('channel traffic on %s', (provider) => {
  let t: TestContext;
  let intake: Intake;
  freshIntakeForEachTest(provider, (fresh) => ({ t, intake } = fresh));

  const status = (target: string, s: string, failure?: { kind: 'transient' | 'permanent'; reason: string }) =>
    textMessage('6281', '', {
      channel: 'whatsapp',
      externalId: `status:${target}:${s}`,
      replyAddress: 'whatsapp:6281',
      kind: 'status',
      event: { type: 'status', target, status: s, ...(failure ? { failure } : {}) },
    });

  it('counts only messages within the window before a late message: its reply is not suppressed', async () => {
    const base = t.clock.now.getTime();
    // Six messages written later, then one written an hour earlier arrives (a redelivery).
    for (let i = 0; i < 6; i++) {
      await intake.ingest(textMessage('300', `pesan ke-${i}`, { receivedAt: new Date(base + i * 1000) }));
    }
    const late = await intake.ingest(textMessage('300', 'min', { receivedAt: new Date(base - 3_600_000) }));
    const reply = await t.ctx.db.outbox.findUnique({ where: { dedupeKey: `reply:${late.messageId}` } });
    expect(reply).not.toBeNull();
  });

  it('moves the Outbox row to delivered and read, retries a transient failure, fails a permanent one', async () => {
    await intake.ingest(textMessage('6281', POTHOLE_REPORT, { channel: 'whatsapp', replyAddress: 'whatsapp:6281' }));
    const ack = await t.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'ack' } });
    await t.ctx.db.outbox.update({
      where: { id: ack.id },
      data: { status: 'sent', attempts: 1, platformMessageId: 'wamid.A' },
    });
    await intake.ingest(status('wamid.A', 'read'));
    await intake.ingest(status('wamid.A', 'delivered'));
    expect(await t.ctx.db.outbox.findUniqueOrThrow({ where: { id: ack.id } })).toMatchObject({ status: 'read' });

    await t.ctx.db.outbox.update({ where: { id: ack.id }, data: { status: 'sent', platformMessageId: 'wamid.B' } });
    await intake.ingest(status('wamid.B', 'failed', { kind: 'transient', reason: '131016 Service unavailable' }));
    const retried = await t.ctx.db.outbox.findUniqueOrThrow({ where: { id: ack.id } });
    expect(retried).toMatchObject({ status: 'pending', lastError: expect.stringContaining('131016') });

    await t.ctx.db.outbox.update({ where: { id: ack.id }, data: { status: 'sent', platformMessageId: 'wamid.C' } });
    await intake.ingest(status('wamid.C', 'failed', { kind: 'permanent', reason: '131026 Message undeliverable' }));
    expect(await t.ctx.db.outbox.findUniqueOrThrow({ where: { id: ack.id } })).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('131026'),
    });
    expect(await t.ctx.db.deliveryAttempt.count({ where: { outboxId: ack.id } })).toBe(2);
  });

  it('keeps public chatter without any reply, and the desk promotes it into a complaint with an acknowledgement', async () => {
    const mention: IncomingMessage = textMessage('900', 'selamat pagi min, semangat kerjanya', {
      channel: 'x',
      replyAddress: 'x:tweet:1800000000000000001',
      public: true,
    });
    const made = await intake.ingest(mention);
    expect(made.complaintId).toBeNull();
    expect(await t.ctx.db.outbox.count()).toBe(0);
    const row = await t.ctx.db.message.findUniqueOrThrow({ where: { id: made.messageId as string } });
    expect(row.disposition).toBe('chatter');

    const promoted = await promoteChatter(t.ctx, row.id, 'admin@cilegon.go.id');
    const ack = await t.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'ack' } });
    expect(findTrackingId(ack.text)).toBe(promoted.trackingId);
    expect(ack.address).toBe('x:tweet:1800000000000000001');
    await expect(promoteChatter(t.ctx, row.id, 'admin@cilegon.go.id')).rejects.toThrow('sudah dijadikan laporan');
  });

  it('records a user blocking the bot and unblocking it on the identity', async () => {
    await intake.ingest(textMessage('77', POTHOLE_REPORT));
    const block = (reachable: boolean) =>
      textMessage('77', '', { kind: 'system', event: { type: 'system', description: 'bot', reachable } });
    await intake.ingest(block(false));
    const blocked = await t.ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: '77' } });
    expect(blocked.unreachableAt).not.toBeNull();
    await intake.ingest(block(true));
    const back = await t.ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: '77' } });
    expect(back.unreachableAt).toBeNull();
  });
});
