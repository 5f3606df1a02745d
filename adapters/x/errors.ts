// Maps twitter-api-v2 errors to the contract's send-failure kinds. The outbox's retry policy does the rest.
// https://docs.x.com/x-api/fundamentals/response-codes-and-errors
import { ApiResponseError, type TwitterRateLimit } from 'twitter-api-v2';
import { ChannelSendError } from '../../src/channels/contract.js';

/** A 429 without x-rate-limit-reset: wait a minute rather than retry at once (X's windows are 15 minutes). */
export const FALLBACK_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * Epoch ms when the exhausted window(s) reopen: the 15-minute window, and the 24-hour user/app windows X
 * reports in x-user-limit-24hour-* / x-app-limit-24hour-* when those are the ones spent.
 */
export function rateLimitResetMs(rateLimit: TwitterRateLimit | undefined): number | undefined {
  if (!rateLimit) return undefined;
  const windows = [rateLimit, rateLimit.day, rateLimit.userDay].filter((w) => w !== undefined);
  const spent = windows.filter((w) => w.remaining <= 0 && Number.isFinite(w.reset) && w.reset > 0);
  if (spent.length === 0) return rateLimit.reset > 0 ? rateLimit.reset * 1000 : undefined;
  return Math.max(...spent.map((w) => w.reset * 1000));
}

/** True for HTTP 401: the access token expired or was revoked, so a refresh may help. */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiResponseError && err.code === 401;
}

/** A short human description of an X error body (problem details, v1 errors or an OAuth error). */
export function describeXError(err: unknown): string {
  if (err instanceof ApiResponseError) {
    const d = err.data;
    const first = d.errors?.[0];
    const detail =
      d.detail ?? d.title ?? (first && 'message' in first ? first.message : undefined) ?? d.error ?? err.message;
    return `X API ${err.code}: ${detail}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/**
 * 429 waits until x-rate-limit-reset (epoch seconds) minus now; 5xx and network errors are transient;
 * other 4xx (400 bad request, 401 after a failed refresh, 403 not allowed or duplicate content, 404 deleted
 * tweet) are permanent, because sending the same request again cannot succeed.
 */
export function mapXError(err: unknown, nowMs: number = Date.now()): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const message = describeXError(err);
  if (err instanceof ApiResponseError) {
    const code = err.code;
    if (code === 429) {
      const reset = rateLimitResetMs(err.rateLimit);
      const wait = reset === undefined ? FALLBACK_RATE_LIMIT_WAIT_MS : Math.max(reset - nowMs, 1000);
      return new ChannelSendError(message, 'rate_limited', wait, code);
    }
    if (code >= 500 || !code) return new ChannelSendError(message, 'transient', undefined, code);
    return new ChannelSendError(message, 'permanent', undefined, code);
  }
  // ApiRequestError (no response) and ApiPartialResponseError (a response cut short): the network failed,
  // not the request. Anything unexpected is treated the same way; the retry policy caps the attempts.
  return new ChannelSendError(message, 'transient');
}
