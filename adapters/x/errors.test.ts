// mapXError on the errors a real twitter-api-v2 client raises against the fake X API.
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/contract.js';
import { type FakeX, startFakeX, X_DEFAULT_ACCESS_TOKEN, xClientOptionsFor } from '../../test/fakes/x-api.js';
import { FALLBACK_RATE_LIMIT_WAIT_MS, mapXError } from './errors.js';
import { endpointKey } from './rate-limit.js';

const fakes: FakeX[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function failure(
  setup: (x: FakeX) => void,
  call: (api: TwitterApi) => Promise<unknown> = (api) => api.v2.reply('halo', '1'),
) {
  const fake = await startFakeX();
  fakes.push(fake);
  setup(fake);
  return call(new TwitterApi(X_DEFAULT_ACCESS_TOKEN, xClientOptionsFor(fake.url))).catch((e: unknown) => e);
}

describe('mapXError', () => {
  it('maps 429 to rate_limited, waiting until x-rate-limit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    const err = await failure((x) =>
      x.setRateLimit('POST /2/tweets', { limit: 1, remaining: 0, resetEpochSec: reset }),
    );
    const mapped = mapXError(err, (reset - 100) * 1000);
    expect(mapped).toMatchObject({ kind: 'rate_limited', retryAfterMs: 100_000, status: 429 });
    expect(mapped.message).toContain('Too Many Requests');
  });

  it('maps 5xx and network failures to transient', async () => {
    expect(mapXError(await failure((x) => x.failNext('POST /2/tweets', { status: 503 })))).toMatchObject({
      kind: 'transient',
      status: 503,
    });
    const offline = new TwitterApi(X_DEFAULT_ACCESS_TOKEN, xClientOptionsFor('http://127.0.0.1:9'));
    const err = await offline.v2.reply('halo', '1').catch((e: unknown) => e);
    expect(mapXError(err).kind).toBe('transient');
  });

  it('maps 400, 401 and 403 to permanent', async () => {
    const bad = await failure(
      () => {},
      (api) => api.v2.userMentionTimeline('1', { since_id: 'undefined' }),
    );
    expect(mapXError(bad)).toMatchObject({ kind: 'permanent', status: 400 });
    const expired = await failure((x) => x.expireToken(X_DEFAULT_ACCESS_TOKEN));
    expect(mapXError(expired)).toMatchObject({ kind: 'permanent', status: 401 });
    const refused = await failure((x) =>
      x.failNext('POST /2/tweets', {
        status: 403,
        detail: 'You are not allowed to create a Tweet with duplicate content.',
      }),
    );
    expect(mapXError(refused).message).toBe('X API 403: You are not allowed to create a Tweet with duplicate content.');
  });

  it('passes ChannelSendError through and names endpoints like X does', () => {
    const own = new ChannelSendError('x', 'rate_limited', FALLBACK_RATE_LIMIT_WAIT_MS);
    expect(mapXError(own)).toBe(own);
    expect(endpointKey('get', 'https://api.x.com/2/users/:id/mentions')).toBe('GET /2/users/:id/mentions');
    expect(endpointKey('POST', 'http://127.0.0.1:1/2/dm_conversations/with/333/messages')).toBe(
      'POST /2/dm_conversations/with/:id/messages',
    );
  });
});
