// The webhook sink (intake.accept): answered once the message is stored, processed after in arrival order,
// slowed to processing speed when too much waits, and every stored message processed exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntake } from '../../src/app/intake.js';
import { createTestContext, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const POTHOLE = 'Jalan di depan SDN 3 Jombang berlubang besar sudah dua bulan, mohon segera diperbaiki';

describe.each(providers)('intake.accept on %s', (provider) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await createTestContext(provider);
  });
  afterEach(async () => t.close());

  it('resolves with the stored message before it is processed, then processes it', async () => {
    const intake = createIntake(t.ctx);
    const result = await intake.accept(textMessage('500', POTHOLE));
    expect(result).toMatchObject({ duplicate: false, complaintId: null, trackingId: null });
    const stored = await t.ctx.db.message.findUniqueOrThrow({ where: { id: result.messageId as string } });
    expect(stored.text).toBe(POTHOLE);
    await intake.settle();
    const row = await t.ctx.db.message.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row.state).toBe('processed');
    expect(await t.ctx.db.complaint.count()).toBe(1);
    expect(await t.ctx.db.outbox.count({ where: { kind: 'ack' } })).toBe(1);
  });

  it("keeps one sender's messages in order and each platform message once, however they arrive", async () => {
    const intake = createIntake(t.ctx);
    const parts = ['Lampu jalan mati di Jl. Ahmad Yani', 'sudah seminggu', 'depan masjid Al-Ikhlas'];
    const messages = parts.map((text, i) => textMessage('501', text, { externalId: `m501-${i}` }));
    // Each delivered twice, all at once, as a platform retrying a slow webhook would.
    const results = await Promise.all([...messages, ...messages].map((m) => intake.accept(m)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(3);
    await intake.settle();
    const complaints = await t.ctx.db.complaint.findMany();
    expect(complaints).toHaveLength(1);
    expect(complaints[0]?.text).toBe(parts.join('\n'));
    expect(await t.ctx.db.message.count({ where: { state: 'processed' } })).toBe(3);
  });

  it('waits for the processing itself when too much is waiting', async () => {
    const intake = createIntake(t.ctx, undefined, { maxBackground: 0 });
    await intake.accept(textMessage('502', POTHOLE));
    // Nothing was left in the background: the complaint is there without settling.
    expect(await t.ctx.db.complaint.count()).toBe(1);
  });

  it('leaves a message whose processing failed stored and due for the recovery job', async () => {
    const intake = createIntake(t.ctx);
    const classify = t.ctx.classifier.classify;
    t.ctx.classifier.classify = () => {
      throw new Error('model unavailable');
    };
    try {
      const { messageId } = await intake.accept(textMessage('503', POTHOLE));
      await intake.settle();
      const row = await t.ctx.db.message.findUniqueOrThrow({ where: { id: messageId as string } });
      expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    } finally {
      t.ctx.classifier.classify = classify;
    }
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    await intake.recover();
    expect(await t.ctx.db.complaint.count()).toBe(1);
  });
});
