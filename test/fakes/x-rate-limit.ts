/**
 * Per-endpoint rate-limit windows for the fake X server, reported through the x-rate-limit-limit,
 * x-rate-limit-remaining and x-rate-limit-reset headers (https://docs.x.com/x-api/fundamentals/rate-limits).
 */

/** One endpoint's window, as the x-rate-limit-limit / -remaining / -reset (epoch seconds) headers report it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetEpochSec: number;
}

const nowSec = (): number => Math.floor(Date.now() / 1000);

/** Per-endpoint request counters; a window whose reset time has passed starts over with `limit` requests. */
export class RateLimiter {
  private readonly windows = new Map<string, RateLimitState>();

  constructor(
    private readonly defaultLimit: number,
    private readonly windowSec = 15 * 60,
  ) {}

  /** Overrides an endpoint's window (e.g. remaining: 0 to force the next call into a 429). */
  set(key: string, state: RateLimitState): void {
    this.windows.set(key, { ...state });
  }

  /** Takes one request from the window; false means the caller must answer 429. */
  consume(key: string): boolean {
    const window = this.current(key);
    if (window.remaining <= 0) return false;
    window.remaining -= 1;
    return true;
  }

  /** The three headers X sends on every response of a rate-limited endpoint. */
  headers(key: string): Record<string, string> {
    const window = this.current(key);
    return {
      'x-rate-limit-limit': String(window.limit),
      'x-rate-limit-remaining': String(window.remaining),
      'x-rate-limit-reset': String(window.resetEpochSec),
    };
  }

  private current(key: string): RateLimitState {
    const existing = this.windows.get(key);
    if (existing && nowSec() < existing.resetEpochSec) return existing;
    const limit = existing?.limit ?? this.defaultLimit;
    const fresh = { limit, remaining: limit, resetEpochSec: nowSec() + this.windowSec };
    this.windows.set(key, fresh);
    return fresh;
  }
}
