// X-Hub-Signature-256 check. Meta signs the exact bytes it sent with the app secret, so the check runs on the
// raw body, before any JSON parsing (re-serialised JSON would not match).
// https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/** True when `header` is "sha256=<hex HMAC-SHA256(appSecret, rawBody)>"; false for a missing or malformed one. */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !appSecret) return false;
  const match = HEADER.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // timingSafeEqual throws on a length mismatch; the regex already pins 32 bytes, this keeps it explicit.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Compares two secrets in constant time, whatever their lengths (hashing first equalises them). */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
