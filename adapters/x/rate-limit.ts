// Per-endpoint rate-limit bookkeeping. X reports x-rate-limit-limit/-remaining/-reset on every response
// (https://docs.x.com/x-api/fundamentals/rate-limits); once a window is spent (remaining 0, or a 429) the
// endpoint is not called again until its reset, so a tight tier is never hammered.
import type { ITwitterApiClientPlugin, TwitterRateLimit } from 'twitter-api-v2';
import type { Logger } from '../../src/logger.js';
import { FALLBACK_RATE_LIMIT_WAIT_MS, rateLimitResetMs } from './errors.js';

/** The endpoints the adapter calls, named like X's docs and the fake server ("GET /2/users/:id/mentions"). */
export const X_ENDPOINTS = {
  me: 'GET /2/users/me',
  mentions: 'GET /2/users/:id/mentions',
  dmEvents: 'GET /2/dm_events',
  tweet: 'POST /2/tweets',
  dm: 'POST /2/dm_conversations/with/:id/messages',
} as const;

/** Method plus path with ids (numeric, or the library's ":name" placeholders) after the version as ":id". */
export function endpointKey(method: string, url: string): string {
  const [version, ...rest] = new URL(url).pathname.split('/').filter(Boolean);
  const path = rest.map((segment) => (/^(\d+|:\w+)$/.test(segment) ? ':id' : segment));
  return `${method.toUpperCase()} /${[version, ...path].join('/')}`;
}

/** Remembers, per endpoint, until when it must not be called. */
export interface RateLimitGuard {
  /** Milliseconds until the endpoint may be called again; 0 when it may be called now. */
  waitMs(endpoint: string): number;
  /** Notes one response's rate-limit headers (status 429 means the window is spent whatever they say). */
  record(endpoint: string, rateLimit: TwitterRateLimit | undefined, status: number): void;
  /** A twitter-api-v2 plugin that records every response and error response. */
  readonly plugin: ITwitterApiClientPlugin;
}

function spent(rateLimit: TwitterRateLimit | undefined): boolean {
  if (!rateLimit) return false;
  return [rateLimit, rateLimit.day, rateLimit.userDay].some((w) => w !== undefined && w.remaining <= 0);
}

/** Creates a guard; `now` is epoch ms (injected so tests can move time). */
export function createRateLimitGuard(logger: Logger, now: () => number): RateLimitGuard {
  const blockedUntil = new Map<string, number>();

  function record(endpoint: string, rateLimit: TwitterRateLimit | undefined, status: number): void {
    if (status !== 429 && !spent(rateLimit)) return;
    const until = rateLimitResetMs(rateLimit) ?? now() + FALLBACK_RATE_LIMIT_WAIT_MS;
    if (until <= now() || (blockedUntil.get(endpoint) ?? 0) >= until) return;
    blockedUntil.set(endpoint, until);
    logger.warn(
      { endpoint, status, resumeAt: new Date(until).toISOString() },
      'x rate limit reached; not calling this endpoint again until the window resets',
    );
  }

  return {
    waitMs(endpoint) {
      const until = blockedUntil.get(endpoint);
      if (until === undefined) return 0;
      const wait = until - now();
      if (wait > 0) return wait;
      blockedUntil.delete(endpoint);
      return 0;
    },
    record,
    plugin: {
      onAfterRequest({ params, response }) {
        record(endpointKey(params.method, params.url), response.rateLimit, 200);
      },
      onResponseError({ params, error }) {
        record(endpointKey(params.method, params.url), error.rateLimit, error.code);
      },
    },
  };
}
