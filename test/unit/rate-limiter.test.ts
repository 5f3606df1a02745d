import { describe, expect, it } from 'vitest';
import { createRateLimiter, DEFAULT_PACE_SHARE } from '../../src/outbox/rate-limiter.js';

const rates = { telegram: { perSecond: 30, burst: 30, perRecipientPerSecond: 1, recipientBurst: 3 } };
const even = { telegram: { perSecond: 30, burst: 1, perRecipientPerSecond: 1, recipientBurst: 3 } };

// These tests check the algorithm at the limit itself (share 1); the worker paces a little under it.
const exact = { share: 1 };

/** Sends `n` messages as soon as the limiter allows; returns each send's time. */
function sendTimes(n: number, recipient: (i: number) => string, pause?: { at: number; until: number }) {
  const limiter = createRateLimiter(rates, exact);
  let t = 0;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pause && t >= pause.at) {
      limiter.pause('telegram', pause.until);
      pause = undefined;
    }
    t += limiter.delayFor('telegram', recipient(i), t);
    limiter.reserve('telegram', recipient(i), t);
    times.push(t);
  }
  return times;
}

describe('rate limiter', () => {
  it('lets a burst of 30 through at once, then one every 1/30 s', () => {
    const times = sendTimes(90, (i) => `chat${i}`);
    // At once (within a microsecond: each interval is a hair longer than exact, see rate-limiter.ts).
    expect(Math.max(...times.slice(0, 30))).toBeLessThan(0.001);
    expect(times[30]).toBeCloseTo(1000 / 30, 2);
    expect(times[89]).toBeCloseTo(60 * (1000 / 30), 1);
  });

  it('with a burst of 1, never lets more than 30 into any sliding second', () => {
    const limiter = createRateLimiter(even, exact);
    let t = 0;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      t += limiter.delayFor('telegram', `chat${i}`, t);
      limiter.reserve('telegram', `chat${i}`, t);
      times.push(t);
    }
    const busiest = Math.max(...times.map((start) => times.filter((x) => x >= start && x < start + 1000).length));
    expect(busiest).toBe(30);
  });

  it('lets three quick messages to one chat through, then one a second', () => {
    expect(sendTimes(5, () => 'chat').map(Math.round)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('holds the whole channel after a 429 until the time the platform gave', () => {
    const times = sendTimes(40, (i) => `chat${i}`, { at: 0, until: 5_000 });
    expect(Math.min(...times)).toBe(5_000);
  });

  it('by default paces at 95% of the limit: 30 evenly spaced sends span more than a second', () => {
    const limiter = createRateLimiter(even);
    const slots = Array.from({ length: 31 }, () => limiter.bookChannel('telegram', 0));
    expect(DEFAULT_PACE_SHARE).toBe(0.95);
    expect(slots[1]).toBeCloseTo(1000 / 28.5, 3);
    expect(slots[30] as number).toBeGreaterThan(1050);
  });

  it('books slots ahead: a chat after its burst, the channel evenly, both after a pause', () => {
    const limiter = createRateLimiter(even, exact);
    const chat = [0, 0, 0, 0, 0].map(() => limiter.bookRecipient('telegram', 'chat', 0));
    expect(chat.map(Math.round)).toEqual([0, 0, 0, 1000, 2000]);
    // Booking the recipient does not use up channel slots.
    expect(limiter.bookChannel('telegram', 0)).toBe(0);
    expect(limiter.bookChannel('telegram', 0)).toBeCloseTo(1000 / 30, 3);
    limiter.pause('telegram', 5_000);
    expect(limiter.heldUntil('telegram')).toBe(5_000);
    expect(limiter.bookChannel('telegram', 0)).toBe(5_000);
    expect(limiter.heldUntil('web')).toBe(0);
  });

  it('does not pace channels it has no rate for', () => {
    const limiter = createRateLimiter(rates);
    expect(limiter.rateOf('web')).toBeUndefined();
    expect(limiter.bookChannel('web', 7)).toBe(7);
    for (let i = 0; i < 100; i++) limiter.reserve('web', 'x', 0);
    expect(limiter.delayFor('web', 'x', 0)).toBe(0);
  });

  it('forgets chats whose slot has passed, yet keeps pacing a chat that is still waiting', () => {
    const limiter = createRateLimiter(rates, exact);
    // 100,000 chats, one reply each, a new chat every 40 ms: memory must follow recent traffic, not history.
    let most = 0;
    for (let i = 0; i < 100_000; i++) {
      limiter.reserve('telegram', `chat${i}`, i * 40);
      most = Math.max(most, limiter.trackedRecipients());
    }
    expect(most).toBeLessThanOrEqual(1_001);
    // A chat past its burst keeps its wait through the sweeps that 5,000 other chats cause.
    const at = 100_000 * 40;
    const busy = [0, 0, 0, 0].map(() => limiter.bookRecipient('telegram', 'busy', at) - at);
    expect(busy.map(Math.round)).toEqual([0, 0, 0, 1000]);
    for (let i = 0; i < 5_000; i++) limiter.bookRecipient('telegram', `later${i}`, at);
    expect(Math.round(limiter.bookRecipient('telegram', 'busy', at) - at)).toBe(2000);
  });
});
