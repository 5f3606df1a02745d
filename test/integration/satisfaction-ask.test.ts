// Who is asked to rate, and where, when a case is resolved: the reporter's own chat; a public X mention only
// by DM and only when X DMs are read; the web page with its own wording and no awaited reply; nobody for
// Open311 or a blocked reporter; once per complaint and reporter even when resolved twice. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransition } from '../../src/app/transitions.js';
import { createTestContext, type TestContext } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('asking for a rating on %s', (provider) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(provider);
  });
  afterAll(async () => {
    await t?.close();
  });

  let seq = 0;
  /** A complaint filed on `channel` at `address` by a new reporter (with an X identity for X). */
  const complaint = async (channel: string, address: string, extra: { blocked?: boolean; xUser?: string } = {}) => {
    seq++;
    const reporter = await t.ctx.db.reporter.create({ data: { displayName: `Warga ${seq}`, blocked: extra.blocked } });
    if (extra.xUser) {
      await t.ctx.db.channelIdentity.create({
        data: { reporterId: reporter.id, channel: 'x', externalId: extra.xUser, address: `x:dm:${extra.xUser}` },
      });
    }
    return t.ctx.db.complaint.create({
      data: {
        trackingId: `CLG-261128-T${String(seq).padStart(3, '0')}`,
        reporterId: reporter.id,
        channel,
        replyAddress: address,
        text: 'Jalan berlubang di depan pasar',
      },
    });
  };
  const resolve = async (trackingId: string) => {
    await applyTransition(t.ctx, { trackingId, action: 'forward', agency: 'DPUTR', actor: 'admin' });
    await applyTransition(t.ctx, { trackingId, action: 'resolve', actor: 'admin' });
  };
  const questions = (complaintId: string) => t.ctx.db.outbox.findMany({ where: { complaintId, kind: 'satisfaction' } });

  it('asks a chat reporter in their chat and awaits the answer', async () => {
    const c = await complaint('telegram', 'telegram:9001');
    await resolve(c.trackingId);
    const [q, ...more] = await questions(c.id);
    expect(more).toHaveLength(0);
    expect(q).toMatchObject({ address: 'telegram:9001', dedupeKey: `satisfaction:${c.id}:${c.reporterId}` });
    expect(q?.text).toContain('Balas dengan angka 1 sampai 5');
    expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).ratingAskedAt).toEqual(t.clock.now);
  });

  it('asks a public X mention only by DM, never in the public thread', async () => {
    const c = await complaint('x', 'x:tweet:1861230000000000077', { xUser: '4477' });
    await resolve(c.trackingId);
    expect((await questions(c.id)).map((q) => q.address)).toEqual(['x:dm:4477']);
  });

  it('skips a public X mention when X DMs are not read (the answer could never arrive)', async () => {
    const settings = t.ctx.satisfaction;
    t.ctx.satisfaction = { windowMs: 7 * 86_400_000, lowRatingMax: 2, xDms: false };
    try {
      const c = await complaint('x', 'x:tweet:1861230000000000078', { xUser: '4478' });
      await resolve(c.trackingId);
      expect(await questions(c.id)).toHaveLength(0);
      expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).ratingAskedAt).toBeNull();
    } finally {
      t.ctx.satisfaction = settings;
    }
  });

  it('asks on the web page with its own form, without awaiting a chat reply', async () => {
    const c = await complaint('web', 'web:abc123');
    await resolve(c.trackingId);
    const [q] = await questions(c.id);
    expect(q?.text).toContain('formulir penilaian di halaman ini');
    expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: c.id } })).ratingAskedAt).toBeNull();
  });

  it('asks nobody for Open311 or a blocked reporter, and once only when resolved twice', async () => {
    const open311 = await complaint('open311', 'open311:client-1');
    const blocked = await complaint('telegram', 'telegram:9002', { blocked: true });
    await resolve(open311.trackingId);
    await resolve(blocked.trackingId);
    expect(await questions(open311.id)).toHaveLength(0);
    expect(await questions(blocked.id)).toHaveLength(0);

    const twice = await complaint('telegram', 'telegram:9003');
    await resolve(twice.trackingId);
    await applyTransition(t.ctx, { trackingId: twice.trackingId, action: 'reopen', actor: 'admin' });
    await applyTransition(t.ctx, { trackingId: twice.trackingId, action: 'resolve', actor: 'admin' });
    expect(await questions(twice.id)).toHaveLength(1);
  });
});
