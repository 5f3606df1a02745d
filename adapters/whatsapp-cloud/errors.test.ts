// Graph error classification on the error bodies Meta documents.
import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/contract.js';
import { DEFAULT_RATE_LIMIT_WAIT_MS, mapFetchFailure, mapGraphError, OutsideWindowError } from './errors.js';

const body = (code: number, message = 'x', details?: string) =>
  JSON.stringify({
    error: { message, type: 'OAuthException', code, error_data: details ? { details } : undefined, fbtrace_id: 'AbC' },
  });

describe('mapGraphError', () => {
  it.each([4, 80007, 130429, 131048, 131056])('code %i is rate_limited with the default wait', (code) => {
    const err = mapGraphError(400, body(code), null);
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: DEFAULT_RATE_LIMIT_WAIT_MS });
  });

  it('HTTP 429 is rate_limited and honours Retry-After', () => {
    expect(mapGraphError(429, 'Too Many Requests', '7')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
  });

  it('5xx, also without a JSON body, is transient', () => {
    expect(mapGraphError(500, body(131000, 'Something went wrong'), null).kind).toBe('transient');
    expect(mapGraphError(502, '<html>Bad Gateway</html>', null).kind).toBe('transient');
  });

  it('131047 is the special outside-the-window error (permanent if it ever escapes)', () => {
    const err = mapGraphError(400, body(131047, '(#131047) Re-engagement message', 'more than 24 hours'), null);
    expect(err).toBeInstanceOf(OutsideWindowError);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err.kind).toBe('permanent');
    expect(err.message).toContain('more than 24 hours');
  });

  it("an expired token (190) is permanent, with Graph's message and trace id", () => {
    const err = mapGraphError(401, body(190, 'Error validating access token: Session has expired'), null);
    expect(err).toMatchObject({ kind: 'permanent', status: 401 });
    expect(err.message).toContain('Session has expired');
    expect(err.message).toContain('fbtrace_id AbC');
  });

  it('other 4xx (bad parameter, template missing) are permanent', () => {
    expect(mapGraphError(400, body(100, 'Invalid parameter'), null).kind).toBe('permanent');
    expect(mapGraphError(404, body(132001, 'Template name does not exist'), null).kind).toBe('permanent');
  });
});

describe('mapFetchFailure', () => {
  it('treats timeouts and network errors as transient', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(mapFetchFailure(timeout, 'send')).toMatchObject({ kind: 'transient' });
    expect(mapFetchFailure(new TypeError('fetch failed'), 'send').message).toContain('fetch failed');
  });
});
