import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/contract.js';
import { DEFAULT_RATE_LIMIT_DELAY_MS, mapWhatsAppWebError } from './errors.js';

function timeoutError(): Error {
  const e = new Error('Waiting failed: 30000ms exceeded');
  e.name = 'TimeoutError';
  return e;
}

describe('mapWhatsAppWebError', () => {
  it.each([
    ['Evaluation failed: Error: wid error: invalid wid', 'permanent'],
    ['Evaluation failed: Error: No LID for user', 'permanent'],
    ['The number 62812 is not registered on WhatsApp', 'permanent'],
    ['Evaluation failed: TypeError: Cannot read properties of undefined (reading "serialize")', 'transient'],
    ['Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.', 'transient'],
    ['Protocol error (Runtime.callFunctionOn): Target closed', 'transient'],
    ['Execution context was destroyed, most likely because of a navigation.', 'transient'],
    ['Navigation timeout of 30000 ms exceeded', 'transient'],
    ['something nobody has seen before', 'transient'],
    ['Evaluation failed: Error: too many requests', 'rate_limited'],
  ] as const)('%s → %s', (message, kind) => {
    const err = mapWhatsAppWebError(new Error(message));
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err.kind).toBe(kind);
    expect(err.message).toBe(message);
  });

  it('gives rate limiting a default delay, since WA Web never says how long', () => {
    expect(mapWhatsAppWebError(new Error('rate-overlimit')).retryAfterMs).toBe(DEFAULT_RATE_LIMIT_DELAY_MS);
  });

  it("treats puppeteer's TimeoutError as transient and passes ChannelSendErrors through", () => {
    expect(mapWhatsAppWebError(timeoutError()).kind).toBe('transient');
    const own = new ChannelSendError('x', 'permanent');
    expect(mapWhatsAppWebError(own)).toBe(own);
    expect(mapWhatsAppWebError('a thrown string').kind).toBe('transient');
  });
});
