// Issue #8: "one poisoned message stops recovery". Inbound messages get attempts, a next-attempt time with
// capped backoff and a final dead state; messages that keep failing never queue ahead of a fresh one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INBOUND_RETRY, inboundBackoffMs } from '../../src/app/inbound-retry.js';
import { storeInbound } from '../../src/app/inbound-store.js';
import { createIntake, type Intake } from '../../src/app/intake.js';
import { createTestContext, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const POLICY = { ...DEFAULT_INBOUND_RETRY, maxAttempts: 3 };

describe('inbound backoff', () => {
  it('doubles from 30 s and is capped at 1 h', () => {
    expect([1, 2, 3, 4].map((n) => inboundBackoffMs(DEFAULT_INBOUND_RETRY, n))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(inboundBackoffMs(DEFAULT_INBOUND_RETRY, 30)).toBe(3_600_000);
  });
});

describe.each(providers)('inbound retries on %s', (provider) => {
  let t: TestContext;
  let intake: Intake;
  const later = (ms: number) => new Date(t.clock.now.getTime() + ms);

  /** A stored message whose payload cannot be processed (a corrupt row): it fails on every attempt. */
  async function poison(createdAt: Date, state = 'received', attempts = 0) {
    return t.ctx.db.message.create({
      data: {
        channel: 'telegram',
        externalId: `poison-${randomBytes(6).toString('hex')}`,
        direction: 'inbound',
        kind: 'text',
        text: 'x',
        payload: '{"normalised": ',
        state,
        attempts,
        nextAttemptAt: state === 'failed' ? createdAt : null,
        createdAt,
      },
    });
  }

  async function goodMessage(createdAt: Date) {
    const msg = textMessage(
      `warga-${randomBytes(4).toString('hex')}`,
      'Jalan di depan Puskesmas Grogol rusak dan berlubang besar.',
      {
        receivedAt: createdAt,
      },
    );
    const { messageId } = await storeInbound(t.ctx.db, msg);
    return messageId ?? '';
  }

  beforeAll(async () => {
    t = await createTestContext(provider);
    intake = createIntake(t.ctx, POLICY);
  });
  afterAll(async () => t?.close());

  it('100 messages that keep failing do not block a newer good one', async () => {
    const old = later(-3_600_000);
    for (let i = 0; i < 100; i++) await poison(new Date(old.getTime() + i), 'failed', 1);
    const good = await goodMessage(later(-60_000));
    await intake.recover();
    const row = await t.ctx.db.message.findUniqueOrThrow({ where: { id: good } });
    expect(row.state).toBe('processed');
    expect(row.complaintId).not.toBeNull();
  });

  it('records attempts and the next attempt time, and gives up with a dead message that stays stored', async () => {
    await t.ctx.db.message.updateMany({ where: { state: { in: ['failed', 'received'] } }, data: { state: 'dead' } });
    const row = await poison(later(-60_000));
    await intake.recover();
    let m = await t.ctx.db.message.findUniqueOrThrow({ where: { id: row.id } });
    expect(m).toMatchObject({ state: 'failed', attempts: 1 });
    expect(m.nextAttemptAt).toEqual(later(30_000));
    expect(m.error).toBeTruthy();
    // Not due yet: untouched.
    await intake.recover();
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
    t.clock.now = later(30_000);
    await intake.recover();
    m = await t.ctx.db.message.findUniqueOrThrow({ where: { id: row.id } });
    expect(m).toMatchObject({ state: 'failed', attempts: 2 });
    expect(m.nextAttemptAt).toEqual(later(60_000));
    t.clock.now = later(60_000);
    await intake.recover();
    m = await t.ctx.db.message.findUniqueOrThrow({ where: { id: row.id } });
    expect(m).toMatchObject({ state: 'dead', attempts: 3, nextAttemptAt: null });
    // Dead messages wait for an admin, however much time passes.
    t.clock.now = later(86_400_000);
    await intake.recover();
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(3);
  });

  it("an admin's retry (state failed, attempts 0, next attempt now) is picked up by the next recovery", async () => {
    const dead = await t.ctx.db.message.findFirstOrThrow({
      where: { state: 'dead', payload: { startsWith: '{"normalised": ' } },
    });
    const good = await goodMessage(later(-60_000));
    // The good message was dead too (say, a bug since fixed): the admin retries it.
    await t.ctx.db.message.update({ where: { id: good }, data: { state: 'dead', attempts: 3 } });
    await t.ctx.db.message.updateMany({
      where: { id: { in: [dead.id, good] } },
      data: { state: 'failed', attempts: 0, nextAttemptAt: t.clock.now },
    });
    await intake.recover();
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: good } })).state).toBe('processed');
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: dead.id } })).attempts).toBe(1);
  });
});
