// X-Hub-Signature-256 checks over the raw bytes of a fixture.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, verifySignature } from './signature.js';

const secret = 'b1c5e7f0a9d24c3e8f6a1b2c3d4e5f60';
const body = readFileSync(new URL('./fixtures/text.json', import.meta.url));
const sign = (bytes: Buffer, key = secret) => `sha256=${createHmac('sha256', key).update(bytes).digest('hex')}`;

describe('verifySignature', () => {
  it('accepts the HMAC-SHA256 of the exact bytes', () => {
    expect(verifySignature(body, sign(body), secret)).toBe(true);
  });

  it('accepts upper-case hex', () => {
    expect(verifySignature(body, sign(body).toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it('refuses a signature under another secret', () => {
    expect(verifySignature(body, sign(body, 'another-secret'), secret)).toBe(false);
  });

  it('refuses when one byte of the body changed (re-serialised JSON would not match either)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 1));
    expect(verifySignature(reserialised, sign(body), secret)).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifySignature(body, undefined, secret)).toBe(false);
    expect(verifySignature(body, '', secret)).toBe(false);
  });

  it('refuses a header without the sha256= prefix or with the old sha1 scheme', () => {
    const hex = sign(body).slice('sha256='.length);
    expect(verifySignature(body, hex, secret)).toBe(false);
    expect(verifySignature(body, `sha1=${hex}`, secret)).toBe(false);
  });

  it('refuses a truncated or over-long digest without throwing (length mismatch)', () => {
    expect(verifySignature(body, sign(body).slice(0, -2), secret)).toBe(false);
    expect(verifySignature(body, `${sign(body)}00`, secret)).toBe(false);
    expect(verifySignature(body, 'sha256=zz', secret)).toBe(false);
  });

  it('refuses everything when no app secret is configured', () => {
    expect(verifySignature(body, sign(body, ''), '')).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEqual('token-abc', 'token-abc')).toBe(true);
    expect(constantTimeEqual('token-abc', 'token-abd')).toBe(false);
    expect(constantTimeEqual('token', 'token-longer')).toBe(false);
  });
});
