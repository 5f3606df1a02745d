// The conversation on every channel: first contact, privacy choice, identity across channels, flood
// protection, and telling the reporter whether a message reopened a complaint or started a new one.
import { describe, expect, it } from 'vitest';
import type { Intake } from '../../src/app/intake.js';
import { normalisePhone } from '../../src/app/reporters.js';
import { applyTransition } from '../../src/app/transitions.js';
import { freshIntakeForEachTest, POTHOLE_REPORT, type TestContext, textMessage } from '../support/app-context.js';
import { providersToTest } from '../support/databases.js';

describe('normalisePhone', () => {
  it('makes Indonesian numbers comparable', () => {
    expect(normalisePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalisePhone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normalisePhone('6281234567890@c.us')).toBe('+6281234567890');
    expect(normalisePhone('12')).toBeNull();
  });
});

describe.each(await providersToTest())('conversation on %s', (provider) => {
  let t: TestContext;
  let intake: Intake;
  freshIntakeForEachTest(provider, (fresh) => ({ t, intake } = fresh));
  const kinds = async (address: string) =>
    (await t.ctx.db.outbox.findMany({ where: { address }, orderBy: { nextAttemptAt: 'asc' } })).map((o) => o.kind);

  it('welcomes a first-time reporter once, with the privacy choice, before the acknowledgement', async () => {
    await intake.ingest(textMessage('200', POTHOLE_REPORT));
    t.clock.now = new Date(t.clock.now.getTime() + 60 * 60_000);
    await intake.ingest(textMessage('200', 'Sampah di TPS Kebondalem tidak diangkut seminggu'));
    expect(await kinds('telegram:200')).toEqual(['welcome', 'ack', 'ack']);
    const welcome = await t.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'welcome' } });
    expect(welcome.text).toContain('anonim');
    expect(welcome.text).toContain('rahasia');
  });

  it('sets the privacy choice for the reporter and their open complaints', async () => {
    await intake.ingest(textMessage('201', POTHOLE_REPORT));
    await intake.ingest(textMessage('201', 'anonim'));
    const reporter = await t.ctx.db.reporter.findFirstOrThrow();
    expect(reporter.privacy).toBe('anonim');
    expect((await t.ctx.db.complaint.findFirstOrThrow()).privacy).toBe('anonim');
    expect((await t.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'privacy' } })).text).toContain('dirahasiakan');
    expect(await t.ctx.db.complaint.count()).toBe(1);
  });

  it('links a WhatsApp sender to the Telegram reporter who shared the same phone number, losing nothing', async () => {
    await intake.ingest(textMessage('202', POTHOLE_REPORT));
    await intake.ingest(
      textMessage('202', '', { kind: 'contact', sender: { externalId: '202', phone: '0812 3456 7890' } }),
    );
    t.clock.now = new Date(t.clock.now.getTime() + 60 * 60_000);
    await intake.ingest({
      ...textMessage('6281234567890@c.us', 'Air PDAM mati di Perum Bumi Waringin sejak pagi'),
      channel: 'whatsapp',
      replyAddress: 'whatsapp:6281234567890@c.us',
      sender: { externalId: '6281234567890@c.us', phone: '+6281234567890', displayName: 'Ana' },
    });
    const reporters = await t.ctx.db.reporter.findMany({ include: { identities: true, complaints: true } });
    expect(reporters).toHaveLength(1);
    expect(reporters[0]?.identities.map((i) => i.channel).sort()).toEqual(['telegram', 'whatsapp']);
    expect(reporters[0]?.complaints).toHaveLength(2);
  });

  it('merges two existing reporters when one shares the phone of the other, keeping all history', async () => {
    await intake.ingest({
      ...textMessage('6289999999999@c.us', POTHOLE_REPORT),
      channel: 'whatsapp',
      replyAddress: 'whatsapp:6289999999999@c.us',
      sender: { externalId: '6289999999999@c.us', phone: '+6289999999999' },
    });
    await intake.ingest(textMessage('203', 'Lampu jalan mati di Jl. Ahmad Yani sudah seminggu'));
    expect(await t.ctx.db.reporter.count()).toBe(2);
    await intake.ingest(
      textMessage('203', '', { kind: 'contact', sender: { externalId: '203', phone: '+62 899-9999-9999' } }),
    );
    const reporters = await t.ctx.db.reporter.findMany({ include: { identities: true, complaints: true } });
    expect(reporters).toHaveLength(1);
    expect(reporters[0]?.identities).toHaveLength(2);
    expect(reporters[0]?.complaints).toHaveLength(2);
    expect(await t.ctx.db.message.count({ where: { reporterId: reporters[0]?.id } })).toBe(3);
  });

  it('groups a flood of messages and does not answer each one', async () => {
    for (let i = 0; i < 12; i++) await intake.ingest(textMessage('204', '', { kind: 'unsupported' }));
    expect(await t.ctx.db.message.count()).toBe(12);
    expect((await kinds('telegram:204')).length).toBe(6); // the welcome and five answers, then silence
  });

  it('tells the reporter when a message after a closed complaint starts a new one', async () => {
    await intake.ingest(textMessage('205', POTHOLE_REPORT));
    const first = await t.ctx.db.complaint.findFirstOrThrow();
    await applyTransition(t.ctx, {
      trackingId: first.trackingId,
      action: 'reject',
      publicNote: 'Laporan ganda.',
      actor: 'a',
    });
    t.clock.now = new Date(t.clock.now.getTime() + 60 * 60_000);
    await intake.ingest(textMessage('205', 'Jalan di Lingkar Selatan juga berlubang dan membahayakan pengendara'));
    const ack = await t.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'ack' }, orderBy: { createdAt: 'desc' } });
    expect(ack.text).toContain(`Laporan Anda sebelumnya (${first.trackingId}) sudah ditutup`);
    expect(await t.ctx.db.complaint.count()).toBe(2);
  });
});
