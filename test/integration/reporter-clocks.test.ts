// Reporter texts promise the configured clocks (issue #12): with SLA_VERIFY_WORKING_DAYS=5 and
// SLA_FOLLOW_UP_DAYS=14 the acknowledgement says 5 working days and the forward notice 14 days, never the
// defaults (3 and 30). On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntake } from '../../src/app/intake.js';
import { applyTransition } from '../../src/app/transitions.js';
import { acknowledgement, statusNotification } from '../../src/domain/texts.js';
import { createTestContext, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';

describe('reporter texts take the clocks they are given', () => {
  const clocks = { verifyWorkingDays: 2, followUpDays: 60 };
  it('acknowledgement and forward notice', () => {
    const ack = acknowledgement({ cityName: 'Kota Cilegon', trackingId: 'CLG-261128-7KQ2', clocks });
    expect(ack).toContain('paling lambat 2 hari kerja');
    const fwd = statusNotification('forwarded', {
      cityName: 'Kota Cilegon',
      trackingId: 'CLG-261128-7KQ2',
      agencyName: 'Dinas Lingkungan Hidup',
      clocks,
    });
    expect(fwd).toContain('paling lambat 60 hari');
  });
});

describe.each(PROVIDERS)('configured clocks reach the reporter on %s', (provider) => {
  let t: TestContext;
  beforeAll(async () => {
    if (provider === 'postgresql' && !(await postgresAvailable())) return;
    t = await createTestContext(provider, { SLA_VERIFY_WORKING_DAYS: '5', SLA_FOLLOW_UP_DAYS: '14' });
  });
  afterAll(async () => t?.close());

  it('acknowledges with 5 working days and forwards with 14 days', async (c) => {
    if (!t) return c.skip();
    const stored = await createIntake(t.ctx).ingest(
      textMessage('clk-1', 'Lampu jalan di Jl. Ahmad Yani depan masjid mati sudah seminggu', { explicit: true }),
    );
    const message = await t.ctx.db.message.findUniqueOrThrow({ where: { id: stored.messageId as string } });
    const complaint = await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: message.complaintId as string } });
    const ack = await t.ctx.db.outbox.findFirstOrThrow({ where: { complaintId: complaint.id, kind: 'ack' } });
    expect(ack.text).toContain('paling lambat 5 hari kerja');
    expect(ack.text).not.toContain('3 hari kerja');

    await applyTransition(t.ctx, { trackingId: complaint.trackingId, action: 'verify', actor: 'admin@x' });
    await applyTransition(t.ctx, {
      trackingId: complaint.trackingId,
      action: 'forward',
      agency: 'DPUTR',
      actor: 'admin@x',
    });
    const forwarded = await t.ctx.db.outbox.findFirstOrThrow({
      where: { complaintId: complaint.id, kind: 'status:forwarded' },
    });
    expect(forwarded.text).toContain('paling lambat 14 hari');
    expect(forwarded.text).not.toContain('30 hari');
  });
});
