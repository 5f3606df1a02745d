import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/contract.js';
import { DEFAULT_RETRY_POLICY, decideRetry } from '../../src/outbox/retry-policy.js';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 60_000, jitter: 0.2, maxAttempts: 8 };

describe('decideRetry', () => {
  it('backs off exponentially with jitter and a cap', () => {
    const mid = () => 0.5; // no jitter offset
    const delays = [1, 2, 3, 4, 10].map((a) =>
      decideRetry(new ChannelSendError('x', 'transient'), a, { ...policy, maxAttempts: 20 }, mid),
    );
    expect(delays.map((d) => (d.retry ? d.delayMs : -1))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000]);
    const low = decideRetry(new ChannelSendError('x', 'transient'), 3, policy, () => 0);
    const high = decideRetry(new ChannelSendError('x', 'transient'), 3, policy, () => 1);
    expect(low).toMatchObject({ retry: true, delayMs: 3_200 });
    expect(high).toMatchObject({ retry: true, delayMs: 4_800 });
  });

  it('waits what the platform asked on 429', () => {
    expect(decideRetry(new ChannelSendError('429', 'rate_limited', 12_000, 429), 1, policy)).toMatchObject({
      retry: true,
      delayMs: 12_000,
    });
  });

  it('never gives up on 429, however many times it came, and backs off when no retry-after was given', () => {
    const late = decideRetry(new ChannelSendError('429', 'rate_limited', 3_000, 429), 50, policy);
    expect(late).toMatchObject({ retry: true, delayMs: 3_000 });
    const bare = decideRetry(new ChannelSendError('429', 'rate_limited', undefined, 429), 3, policy);
    expect(bare).toMatchObject({ retry: true, delayMs: 4_000 });
  });

  it('gives up on permanent errors and after the last attempt', () => {
    expect(decideRetry(new ChannelSendError('blocked', 'permanent', undefined, 403), 1, policy).retry).toBe(false);
    const last = decideRetry(new ChannelSendError('502', 'transient'), 8, policy);
    expect(last).toMatchObject({ retry: false });
    expect(last.reason).toContain('gave up after 8 attempts');
  });

  it('treats unknown errors (network) as transient', () => {
    expect(decideRetry(new Error('ECONNRESET'), 1, policy).retry).toBe(true);
  });
});
