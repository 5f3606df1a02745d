// The one place that decides whether a failed send is retried, and when.
import { ChannelSendError } from '../channels/contract.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1; fraction of the delay that is randomised so instances do not retry in lock-step. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  jitter: 0.2,
};

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/**
 * Network errors and 5xx: capped exponential backoff with jitter. 429: wait what the platform asked
 * (Telegram's retry_after, X's x-rate-limit-reset) and never give up for it: "slow down" is not a failure, and
 * the worker does not count it as an attempt. Other 4xx: give up at once, retrying cannot help.
 * `attempt` is the number of the (counted) attempt that just failed, starting at 1.
 */
export function decideRetry(
  err: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  const e = err instanceof ChannelSendError ? err : new ChannelSendError(String(err), 'transient');
  const reason = e.message.slice(0, 500);
  if (e.kind === 'permanent') return { retry: false, reason };
  if (e.kind === 'rate_limited') {
    const wait = e.retryAfterMs ?? policy.baseDelayMs * 2 ** Math.min(attempt - 1, 6);
    return { retry: true, delayMs: Math.min(Math.max(wait, 1_000), policy.maxDelayMs), reason };
  }
  if (attempt >= policy.maxAttempts) return { retry: false, reason: `gave up after ${attempt} attempts: ${reason}` };
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const delayMs = Math.round(exp * (1 - policy.jitter + 2 * policy.jitter * random()));
  return { retry: true, delayMs: Math.min(delayMs, policy.maxDelayMs), reason };
}
