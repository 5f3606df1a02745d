// The X adapter against the fake X API with a real twitter-api-v2 client: cursors, rate limits, tokens, sends.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import {
  type FakeX,
  startFakeX,
  X_DEFAULT_ACCESS_TOKEN,
  X_DEFAULT_REFRESH_TOKEN,
  type XRequest,
} from '../../test/fakes/x-api.js';
import { memoryStateStore } from '../../test/fakes/x-state-store.js';
import { createXAdapter } from './index.js';
import { tweetWeight } from './tweet-text.js';
import { X_STATE_KEYS, type XAdapterConfig } from './types.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const quietLogger = () => ({
  debug: vi.fn<Logger['debug']>(),
  info: vi.fn<Logger['info']>(),
  warn: vi.fn<Logger['warn']>(),
  error: vi.fn<Logger['error']>(),
});

async function fakeX(defaultLimit?: number): Promise<FakeX> {
  const fake = await startFakeX({ defaultLimit });
  cleanups.push(() => fake.close());
  return fake;
}

type State = ReturnType<typeof memoryStateStore>;

/** Configuration pointing the adapter at the fake with its default tokens, polling every 20 ms. */
const xConfig = (fake: FakeX, overrides: Partial<XAdapterConfig> = {}): XAdapterConfig => ({
  clientId: 'client-id',
  clientSecret: 'client-secret',
  accessToken: X_DEFAULT_ACCESS_TOKEN,
  refreshToken: X_DEFAULT_REFRESH_TOKEN,
  apiBaseUrl: fake.url,
  pollIntervalMs: 20,
  ...overrides,
});

/** Starts an adapter on the fake; returns it with everything its sink received. */
async function startAdapter(
  fake: FakeX,
  state: State,
  overrides: Partial<XAdapterConfig> = {},
  logger = quietLogger(),
) {
  const adapter = createXAdapter(xConfig(fake, overrides), { logger, state });
  const received: IncomingMessage[] = [];
  await adapter.start(async (m) => void received.push(m));
  cleanups.push(() => adapter.stop());
  return { adapter, received, logger };
}

const calls = (fake: FakeX, endpoint: string): XRequest[] => fake.requests.filter((r) => r.endpoint === endpoint);
const MENTIONS = 'GET /2/users/:id/mentions';
const DMS = 'GET /2/dm_events';
const citizen = { authorId: '2233445566', authorName: 'Ana', username: 'warga_ana' };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('X adapter: cursors', () => {
  it('persists the since_id and DM cursors, and a restarted adapter does not re-deliver', async () => {
    const fake = await fakeX(10_000);
    const state = memoryStateStore();
    const first = await startAdapter(fake, state);
    const m1 = fake.addMention({ text: '@kanaladuan lampu jalan mati', ...citizen });
    const d1 = fake.addDm({ text: 'Air PDAM mati', senderId: '333', senderName: 'Citra' });
    await expect.poll(() => first.received.map((m) => m.externalId).sort()).toEqual([`dm:${d1}`, `tweet:${m1}`]);
    await first.adapter.send('x:dm:333', 'Laporan diterima');
    await expect.poll(() => state.values.get(X_STATE_KEYS.dmsNewestId)).toBe(fake.dms[0]?.dm_event_id);
    expect(state.values.get(X_STATE_KEYS.mentionsSinceId)).toBe(m1);
    await first.adapter.stop();

    const m2 = fake.addMention({ text: '@kanaladuan banjir di Jl. Sudirman', ...citizen });
    const second = await startAdapter(fake, state);
    await expect.poll(() => second.received.map((m) => m.externalId)).toEqual([`tweet:${m2}`]);
    await pause(100);
    expect(second.received).toHaveLength(1);
    expect(calls(fake, MENTIONS).at(-1)?.query.since_id).toBe(m2);
  });

  it('hands mentions over oldest first and keeps the cursor before a message the sink failed to store', async () => {
    const fake = await fakeX(10_000);
    const state = memoryStateStore();
    const ids = ['satu', 'dua', 'tiga'].map((w) => fake.addMention({ text: `@kanaladuan ${w}`, ...citizen }));
    const seen: string[] = [];
    let failOnce = true;
    const adapter = createXAdapter(xConfig(fake), { logger: quietLogger(), state });
    await adapter.start(async (m) => {
      seen.push(m.text);
      if (m.text === 'dua' && failOnce) {
        failOnce = false;
        throw new Error('database unavailable');
      }
    });
    cleanups.push(() => adapter.stop());
    await expect.poll(() => seen).toEqual(['satu', 'dua', 'dua', 'tiga']);
    expect(state.values.get(X_STATE_KEYS.mentionsSinceId)).toBe(ids[2]);
    expect(calls(fake, MENTIONS)[1]?.query.since_id).toBe(ids[0]);
  });
});

describe('X adapter: rate limits', () => {
  /** A fake whose mention timeline has `remaining` calls left until `resetInSec`; the adapter has polled it once. */
  async function afterFirstMentionPoll(remaining: number, resetInSec: number) {
    const fake = await fakeX(10_000);
    const resetEpochSec = Math.floor(Date.now() / 1000) + resetInSec;
    fake.setRateLimit(MENTIONS, { limit: 75, remaining, resetEpochSec });
    const started = await startAdapter(fake, memoryStateStore());
    await fake.waitFor(() => calls(fake, MENTIONS).length === 1);
    return { fake, resetEpochSec, ...started };
  }

  it('does not call the mention timeline again before the reset after a 429', async () => {
    const { fake, resetEpochSec, logger } = await afterFirstMentionPoll(0, 2);
    await pause(500);
    expect(calls(fake, MENTIONS).map((r) => r.status)).toEqual([429]);
    expect(calls(fake, DMS).length).toBeGreaterThan(3); // the other endpoint keeps its own window
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ endpoint: MENTIONS, status: 429 }),
      expect.any(String),
    );
    await fake.waitFor(() => calls(fake, MENTIONS).some((r) => r.status === 200), 5000);
    expect(Date.now()).toBeGreaterThanOrEqual(resetEpochSec * 1000);
  });

  it('stops before the 429 when a response says the window is spent', async () => {
    const { fake, resetEpochSec, adapter } = await afterFirstMentionPoll(1, 600);
    await pause(300);
    expect(calls(fake, MENTIONS).map((r) => r.status)).toEqual([200]);
    // A send to a spent endpoint is refused locally with the wait, without calling X.
    fake.setRateLimit('POST /2/tweets', { limit: 100, remaining: 0, resetEpochSec });
    await expect(adapter.send('x:tweet:1861230000000000001', 'a')).rejects.toMatchObject({ kind: 'rate_limited' });
    const before = fake.requests.length;
    const err = await adapter.send('x:tweet:1861230000000000001', 'b').catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: expect.any(Number) });
    expect(fake.requests.slice(before).some((r) => r.endpoint === 'POST /2/tweets')).toBe(false);
  });
});

describe('X adapter: OAuth2 tokens', () => {
  it('refreshes an expired token once, stores the new pair, and a restart uses it', async () => {
    const fake = await fakeX();
    const state = memoryStateStore();
    fake.expireToken(X_DEFAULT_ACCESS_TOKEN);
    const first = await startAdapter(fake, state, { pollIntervalMs: 60_000 });
    await Promise.all([first.adapter.send('x:tweet:1', 'satu'), first.adapter.send('x:dm:333', 'dua')]);
    expect(fake.tokenRefreshes).toHaveLength(1);
    const stored = JSON.parse(state.values.get(X_STATE_KEYS.tokens) ?? '{}');
    expect(stored).toMatchObject({ accessToken: 'x-fake-access-token-1', refreshToken: 'x-fake-refresh-token-1' });
    await first.adapter.stop();

    const second = await startAdapter(fake, state, { pollIntervalMs: 60_000 });
    await second.adapter.send('x:tweet:1', 'tiga');
    expect(fake.tokenRefreshes).toHaveLength(1);
    expect(fake.requests.at(-1)?.token).toBe('x-fake-access-token-1');
  });

  it('treats a rejected refresh as permanent, logs it, and does not retry the dead refresh token', async () => {
    const fake = await fakeX();
    fake.expireToken(X_DEFAULT_ACCESS_TOKEN);
    const logger = quietLogger();
    // The default poll interval: start() fails at the token refresh, before any poll.
    const config = xConfig(fake, { refreshToken: 'revoked-refresh-token', pollIntervalMs: undefined });
    const adapter = createXAdapter(config, { logger, state: memoryStateStore() });
    await expect(adapter.start(async () => {})).rejects.toMatchObject({ kind: 'permanent' });
    await expect(adapter.send('x:tweet:1', 'halo')).rejects.toMatchObject({ kind: 'permanent' });
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), 'x token refresh failed');
    expect(fake.requests.filter((r) => r.endpoint === 'POST /2/oauth2/token')).toHaveLength(1);
  });
});

describe('X adapter: send and stop', () => {
  it('replies in the thread trimmed to 280 and DMs privately, returning the platform ids', async () => {
    const fake = await fakeX();
    const { adapter } = await startAdapter(fake, memoryStateStore(), { pollIntervalMs: 60_000 });
    const tweetId = fake.addMention({ text: '@kanaladuan jalan rusak', ...citizen });
    const long = `Laporan CLG-261128-7KQ2 telah diteruskan. ${'Mohon bersabar, petugas sedang menindaklanjuti. '.repeat(8)}`;
    const reply = await adapter.send(`x:tweet:${tweetId}`, long);
    const [posted] = fake.tweets;
    expect(posted).toMatchObject({ id: reply.platformMessageId, in_reply_to_tweet_id: tweetId });
    expect(tweetWeight(posted?.text ?? '')).toBeLessThanOrEqual(280);
    expect(posted?.text.endsWith('…')).toBe(true);
    expect(posted?.text.startsWith('Laporan CLG-261128-7KQ2 telah diteruskan.')).toBe(true);

    const dm = await adapter.send('x:dm:333', 'Laporan diterima');
    expect(dm.platformMessageId).toBe(fake.dms[0]?.dm_event_id);
    expect(fake.dms[0]).toMatchObject({ participant_id: '333', text: 'Laporan diterima' });
    await expect(adapter.send('x:profile:333', 'x')).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('stop() waits for the poll in flight', async () => {
    const fake = await fakeX();
    fake.addMention({ text: '@kanaladuan tes', ...citizen });
    let release = () => {};
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    const state = memoryStateStore();
    const adapter = createXAdapter(xConfig(fake), { logger: quietLogger(), state });
    let entered = false;
    await adapter.start(async () => {
      entered = true;
      await blocked;
    });
    await expect.poll(() => entered).toBe(true);
    let stopped = false;
    const stopping = adapter.stop().then(() => {
      stopped = true;
    });
    await pause(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(state.values.get(X_STATE_KEYS.mentionsSinceId)).toBeDefined();
    const count = fake.requests.length;
    await pause(100);
    expect(fake.requests.length).toBe(count);
  });
});
