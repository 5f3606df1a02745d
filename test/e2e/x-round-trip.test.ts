// The X channel end to end: the real X adapter (twitter-api-v2 against the fake X API) feeding the real
// product (intake, classifier, SQLite, outbox, admin API). Mentions are answered in their thread, DMs by
// DM, and public chatter is stored but never answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXAdapter, X_STATE_KEYS, type XAdapterConfig } from '../../adapters/x/index.js';
import type { ChannelAdapter } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import { createStateStore } from '../../src/db/state-store.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeX, startFakeX, X_DEFAULT_ACCESS_TOKEN, X_DEFAULT_REFRESH_TOKEN } from '../fakes/x-api.js';
import { sqliteDatabase, type TestDatabase } from '../support/databases.js';
import { adminClient, eventually, startTestRuntime } from '../support/runtime.js';

const MENTIONS = 'GET /2/users/:id/mentions';

describe('x round trip on sqlite', () => {
  let fake: FakeX;
  let database: TestDatabase;
  let rt: Runtime;
  let state: StateStore;
  let adapter: ChannelAdapter;
  const ana = { authorId: '5001', authorName: 'Ana Rahmawati', username: 'warga_ana' };
  const citra = { senderId: '6001', senderName: 'Citra Lestari', username: 'citra_l' };

  /** Starts the adapter the way the runtime would, with its cursors and tokens in the product's database. */
  async function startX(): Promise<void> {
    const config: XAdapterConfig = {
      clientId: 'e2e-client',
      clientSecret: 'e2e-secret',
      accessToken: X_DEFAULT_ACCESS_TOKEN,
      refreshToken: X_DEFAULT_REFRESH_TOKEN,
      apiBaseUrl: fake.url,
      pollIntervalMs: 50,
    };
    adapter = createXAdapter(config, { logger: rt.ctx.logger, state });
    await adapter.start(async (m) => void (await rt.intake.ingest(m)));
    // The outbox worker looks adapters up in this map, so replies go out through this one.
    rt.adapters.set('x', adapter);
  }

  beforeAll(async () => {
    // Generous windows: a 50 ms poll would spend X's real per-15-minute allowance in seconds.
    fake = await startFakeX({ defaultLimit: 100_000 });
    database = sqliteDatabase();
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    state = createStateStore(rt.ctx.db, 'x:');
    await startX();
  });
  afterAll(async () => {
    await rt?.stop();
    await fake?.close();
    await database?.drop();
  });

  let mentionId = '';
  let mentionTracking = '';
  let dmTracking = '';
  const repliesTo = (tweetId: string) => fake.tweets.filter((t) => t.in_reply_to_tweet_id === tweetId);
  const toCitra = () => fake.dms.filter((d) => d.participant_id === citra.senderId);

  it('acknowledges a complaint mention with a reply in its thread', async () => {
    mentionId = fake.addMention({
      text: '@kanaladuan jalan di depan SDN 3 Jombang rusak parah, berlubang sudah 2 bulan tidak diperbaiki',
      ...ana,
      mediaUrls: ['https://pbs.twimg.com/media/GdQ2mX1bYAAp9Zk.jpg'],
      place: { fullName: 'Cilegon, Banten' },
    });
    const ack = await fake.waitFor(() => repliesTo(mentionId)[0]);
    expect(ack.text).toContain('nomor pelacakan');
    mentionTracking = findTrackingId(ack.text) ?? '';
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId: mentionTracking },
      include: { attachments: true },
    });
    expect(complaint).toMatchObject({ channel: 'x', replyAddress: `x:tweet:${mentionId}`, suggestedAgency: 'DPUTR' });
    expect(complaint.text).toMatch(/^jalan di depan SDN 3 Jombang/);
    expect(complaint.attachments.map((a) => a.platformFileId)).toEqual([
      'https://pbs.twimg.com/media/GdQ2mX1bYAAp9Zk.jpg',
    ]);
    // The worker records the platform's id right after X accepted the reply.
    await eventually(() =>
      rt.ctx.db.outbox.findFirst({
        where: { kind: 'ack', complaintId: complaint.id, status: 'sent', platformMessageId: ack.id },
      }),
    );
  });

  it('takes a mention seen twice (cursor rewound, as after a crash) as one complaint', async () => {
    await adapter.stop();
    await state.set(X_STATE_KEYS.mentionsSinceId, (BigInt(mentionId) - 1n).toString());
    const before = fake.requests.length;
    await startX();
    // The rewound poll re-reads the mention; the next poll starting from it proves it was handled.
    await fake.waitFor(() =>
      fake.requests.slice(before).some((r) => r.endpoint === MENTIONS && r.query.since_id === mentionId),
    );
    expect(fake.requests.slice(before).some((r) => r.query.since_id === (BigInt(mentionId) - 1n).toString())).toBe(
      true,
    );
    await rt.intake.settle();
    await rt.worker.drain();
    expect(await rt.ctx.db.complaint.count()).toBe(1);
    expect(repliesTo(mentionId)).toHaveLength(1);
    expect(await rt.ctx.db.message.count({ where: { channel: 'x', externalId: `tweet:${mentionId}` } })).toBe(1);
  });

  it('acknowledges a DM complaint by DM, and never takes its own DM as inbound', async () => {
    fake.addDm({ text: 'Air PDAM mati sudah 3 hari di Perumahan Bumi Waringin, tolong dicek', ...citra });
    // A first-time private reporter is also welcomed; the acknowledgement is the DM carrying a tracking ID.
    const ack = await fake.waitFor(() => toCitra().find((d) => findTrackingId(d.text)));
    expect(ack.text).toContain('nomor pelacakan');
    dmTracking = findTrackingId(ack.text) ?? '';
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: dmTracking } });
    expect(complaint).toMatchObject({ channel: 'x', replyAddress: `x:dm:${citra.senderId}`, suggestedAgency: 'PDAM' });
    expect(repliesTo(mentionId)).toHaveLength(1);
    // The ack is now in GET /2/dm_events too; wait for the DM cursor to pass it.
    await rt.intake.settle();
    await rt.worker.drain();
    const newestOwn = BigInt(toCitra().at(-1)?.dm_event_id ?? '0');
    await eventually(async () => BigInt((await state.get(X_STATE_KEYS.dmsNewestId)) ?? '0') >= newestOwn);
    expect(await rt.ctx.db.message.count({ where: { channel: 'x', direction: 'inbound' } })).toBe(2);
  });

  it('sends verify and forward updates as replies in the thread and as DMs', async () => {
    const api = await adminClient(rt.url);
    const transition = (id: string, body: Record<string, string>) =>
      api('POST', `/api/complaints/${id}/transitions`, body).then((r) => expect(r.status).toBe(200));
    await transition(mentionTracking, { action: 'verify' });
    await transition(mentionTracking, { action: 'forward', agency: 'DPUTR' });
    await transition(dmTracking, { action: 'verify' });
    await transition(dmTracking, { action: 'forward', agency: 'PDAM' });

    const inThread = (phrase: string) => () => repliesTo(mentionId).find((t) => t.text.includes(phrase));
    const verified = await fake.waitFor(inThread(`Laporan ${mentionTracking} telah diverifikasi`));
    const forwarded = await fake.waitFor(inThread(`Laporan ${mentionTracking} telah diteruskan`));
    expect(forwarded.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
    expect(forwarded.text).not.toContain('DPUTR');
    expect(repliesTo(mentionId).indexOf(verified)).toBeLessThan(repliesTo(mentionId).indexOf(forwarded));

    const byDm = (phrase: string) => () => toCitra().find((d) => d.text.includes(phrase));
    await fake.waitFor(byDm(`Laporan ${dmTracking} telah diverifikasi`));
    const dmForwarded = await fake.waitFor(byDm(`Laporan ${dmTracking} telah diteruskan`));
    expect(dmForwarded.text).toContain('Perumda Air Minum Cilegon Mandiri');
    expect(fake.tweets.every((t) => !t.text.includes(dmTracking))).toBe(true);
  });

  it('sends updates of a confidential mention complaint by DM, not in the public thread', async () => {
    await rt.ctx.db.complaint.update({ where: { trackingId: mentionTracking }, data: { privacy: 'rahasia' } });
    const api = await adminClient(rt.url);
    const res = await api('POST', `/api/complaints/${mentionTracking}/transitions`, {
      action: 'start',
      publicNote: 'Tim survei.',
    });
    expect(res.status).toBe(200);
    const dm = await fake.waitFor(() =>
      fake.dms.find((d) => d.participant_id === ana.authorId && d.text.includes('Tim survei.')),
    );
    expect(dm.text).toContain(mentionTracking);
    expect(fake.tweets.some((t) => t.text.includes('Tim survei.'))).toBe(false);
  });

  it('stores a chatter mention but posts nothing in public', async () => {
    const tweetsBefore = fake.tweets.length;
    const chatterId = fake.addMention({
      text: '@kanaladuan mantap pak wali 👍',
      authorId: '7001',
      authorName: 'Dedi',
      username: 'dedi_clg',
    });
    const row = await eventually(() =>
      rt.ctx.db.message.findFirst({ where: { channel: 'x', externalId: `tweet:${chatterId}`, state: 'processed' } }),
    );
    expect(row).toMatchObject({ direction: 'inbound', text: 'mantap pak wali 👍', complaintId: null });
    await rt.intake.settle();
    await rt.worker.drain();
    expect(fake.tweets).toHaveLength(tweetsBefore);
    expect(await rt.ctx.db.outbox.count({ where: { address: `x:tweet:${chatterId}` } })).toBe(0);
    expect(await rt.ctx.db.complaint.count()).toBe(2);
  });
});
