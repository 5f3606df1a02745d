// The signature of an outgoing webhook: HMAC-SHA256 under the subscriber's secret over "<timestamp>.<body>",
// sent as `X-Kanal-Aduan-Signature: v1=<hex>` with the timestamp (Unix seconds) in `X-Kanal-Aduan-Timestamp`.
// Signing the timestamp too lets a receiver refuse a replayed old delivery (README: "Verifying a delivery").
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature header's value for a body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (and what the tests do): recompute, compare in constant time, and refuse a timestamp
 * more than `toleranceSeconds` away from its own clock.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds || !headers.signature) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
