// The private link a web reporter keeps: /laporan/<secret>. The secret is an HMAC of the submission's random
// idempotency key under a server key, so a double submit gets the same link without the secret being stored;
// the database keeps only its SHA-256, which is the reporter's web identity and reply address.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** 24 bytes: 192 bits, 32 base64url characters. */
const SECRET_BYTES = 24;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** The secret for a submission, derived with HMAC-SHA-256 under the server's link key. */
export function linkSecret(key: Buffer, submissionId: string): string {
  return createHmac('sha256', key)
    .update(`web-link:${submissionId}`)
    .digest()
    .subarray(0, SECRET_BYTES)
    .toString('base64url');
}

/** Whether a string has the shape of a link secret (checked before any database lookup). */
export function isLinkSecret(s: string): boolean {
  return SECRET_PATTERN.test(s);
}

/** The stored form of a secret: its SHA-256 in hex. Used as the web identity and in the reply address. */
export function linkHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
