// "Bukan aduan": an admin decides a message is not a public-service complaint. It is archived at once (from
// received, verified or on hold only), the reporter is told politely, and the decision becomes a labelled
// example of chatter for the classifier's next training. On SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { createIntake } from '../../src/app/intake.js';
import { applyTransition } from '../../src/app/transitions.js';
import { TransitionError } from '../../src/domain/process.js';
import { sharedContextIfAvailable, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS } from '../support/databases.js';

describe.each(PROVIDERS)('not a complaint on %s', (provider) => {
  let t: TestContext;
  sharedContextIfAvailable(provider, (fresh) => {
    t = fresh;
  });

  async function complaint(sender: string, text: string) {
    const stored = await createIntake(t.ctx).ingest(textMessage(sender, text, { explicit: true }));
    const m = await t.ctx.db.message.findUniqueOrThrow({ where: { id: stored.messageId as string } });
    return t.ctx.db.complaint.findUniqueOrThrow({ where: { id: m.complaintId as string } });
  }

  it('archives the message, tells the reporter politely and records a chatter example', async (c) => {
    if (!t) return c.skip();
    const made = await complaint('nc-1', 'Selamat pagi min, kantor kecamatan Jombang buka jam berapa ya hari Sabtu?');
    const result = await applyTransition(t.ctx, {
      trackingId: made.trackingId,
      action: 'not_complaint',
      actor: 'admin@x',
    });
    expect(result).toMatchObject({ from: 'received', to: 'archived' });
    expect(await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: made.id } })).toMatchObject({
      status: 'archived',
      jurisdiction: 'not_complaint',
    });
    const told = await t.ctx.db.outbox.findFirstOrThrow({ where: { complaintId: made.id, kind: 'status:archived' } });
    expect(told.text).toContain('tidak termasuk pengaduan layanan publik');
    expect(told.address).toBe('telegram:nc-1');
    const lesson = await t.ctx.db.labelledExample.findFirstOrThrow({ where: { complaintId: made.id } });
    expect(lesson).toMatchObject({ label: 'BUKAN_ADUAN', source: 'admin' });
  });

  it('is refused once the complaint was forwarded to an agency', async (c) => {
    if (!t) return c.skip();
    const made = await complaint(
      'nc-2',
      'Lampu jalan di Jl. Sudirman depan Ramayana mati sudah seminggu, gelap sekali.',
    );
    await applyTransition(t.ctx, { trackingId: made.trackingId, action: 'forward', agency: 'DISPERKIM', actor: 'a' });
    await expect(
      applyTransition(t.ctx, { trackingId: made.trackingId, action: 'not_complaint', actor: 'a' }),
    ).rejects.toBeInstanceOf(TransitionError);
  });
});
