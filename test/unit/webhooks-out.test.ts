// The pure parts of outgoing webhooks: which addresses are private, the retry decision, the signature recipe.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/webhooks/post.js';
import { signWebhook, verifyWebhook } from '../../src/webhooks/signature.js';
import { assertAllowedTarget, guardedLookup, isPrivateAddress } from '../../src/webhooks/target.js';
import { decideWebhookRetry } from '../../src/webhooks/worker.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::5',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ])('%s is private', (a) => expect(isPrivateAddress(a)).toBe(true));

  it.each(['8.8.8.8', '103.10.20.30', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
});

describe('assertAllowedTarget', () => {
  it('refuses loopback names and literals, other schemes and credentials', async () => {
    for (const url of ['http://localhost:8080/x', 'http://127.0.0.1/x', 'http://[::1]/x', 'http://[::ffff:7f00:1]/x']) {
      await expect(assertAllowedTarget(url, false), url).rejects.toThrow(/jaringan internal/);
    }
    await expect(assertAllowedTarget('file:///etc/passwd', false)).rejects.toThrow(/https/);
    await expect(assertAllowedTarget('https://a:b@example.go.id/x', false)).rejects.toThrow(/sandi/);
    await expect(assertAllowedTarget('bukan url', false)).rejects.toThrow(/tidak valid/);
  });

  it('accepts them when private targets are allowed', async () => {
    await expect(assertAllowedTarget('http://127.0.0.1:9/x', true)).resolves.toBeInstanceOf(URL);
  });

  it('the connection-time lookup refuses a name that resolves to loopback', async () => {
    const err = await new Promise<Error | null>((resolve) => guardedLookup(false)('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toContain('refused private address');
    const ok = await new Promise<Error | null>((resolve) => guardedLookup(true)('localhost', {}, (e) => resolve(e)));
    expect(ok).toBeNull();
  });
});

describe('decideWebhookRetry', () => {
  const o = { maxAttempts: 4, baseDelayMs: 10_000, maxDelayMs: 3_600_000 };
  const mid = () => 0.5;
  it('retries network errors, 5xx and 429 with doubling delays', () => {
    expect(decideWebhookRetry({ kind: 'network', error: 'ECONNREFUSED' }, 1, o, mid)).toEqual({
      retry: true,
      delayMs: 10_000,
    });
    expect(decideWebhookRetry({ kind: 'http', status: 502, retryAfterMs: null }, 2, o, mid)).toEqual({
      retry: true,
      delayMs: 20_000,
    });
    expect(decideWebhookRetry({ kind: 'http', status: 429, retryAfterMs: null }, 3, o, mid)).toEqual({
      retry: true,
      delayMs: 40_000,
    });
  });
  it('waits at least what a 429 asked', () => {
    expect(decideWebhookRetry({ kind: 'http', status: 429, retryAfterMs: 120_000 }, 1, o, mid)).toEqual({
      retry: true,
      delayMs: 120_000,
    });
  });
  it('gives up after the last attempt, and at once on other 4xx', () => {
    expect(decideWebhookRetry({ kind: 'http', status: 500, retryAfterMs: null }, 4, o, mid)).toEqual({ retry: false });
    expect(decideWebhookRetry({ kind: 'http', status: 404, retryAfterMs: null }, 1, o, mid)).toEqual({ retry: false });
  });
  it('caps the delay', () => {
    expect(decideWebhookRetry({ kind: 'network', error: 'x' }, 30, { ...o, maxAttempts: 50 }, mid)).toEqual({
      retry: true,
      delayMs: 3_600_000,
    });
  });
  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('30', 0)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:01:00 GMT', 0)).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});

describe('signature recipe (README)', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, prefixed v1=', () => {
    const body = '{"id":"e1","type":"complaint.created"}';
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('whsec_test', 1700000000, body)).toBe(`v1=${expected}`);
  });
  it('refuses an old timestamp (replay) and a missing signature', () => {
    const sig = signWebhook('k', 1000, 'b');
    expect(verifyWebhook('k', { timestamp: '1000', signature: sig }, 'b', 1100)).toBe(true);
    expect(verifyWebhook('k', { timestamp: '1000', signature: sig }, 'b', 1000 + 301)).toBe(false);
    expect(verifyWebhook('k', { timestamp: '1000', signature: undefined }, 'b', 1000)).toBe(false);
  });
});
