// Outbound pacing per channel and per recipient, from the platforms' documented limits, so a burst of replies
// (a city-wide incident) is spread out instead of being answered with 429s.
// Telegram: about 30 messages/s per bot and about 1/s per chat, short bursts tolerated
// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this). WhatsApp Cloud: the
// number's throughput, 80 messages/s by default, and a "pair rate limit" of one message per 6 s to one user
// with bursts of up to 45 (https://developers.facebook.com/docs/whatsapp/cloud-api/overview#throughput, error
// 131056). X: its windows are per endpoint and 15 minutes long; the X adapter reads them from the response
// headers and refuses to call before the reset (adapters/x/rate-limit.ts), so nothing is paced here.
// Limits are per process: with several instances, divide them (README, "Several instances").

/** Messages per second for a channel as a whole and for one recipient, each with a burst allowance. */
export interface ChannelRate {
  perSecond: number;
  burst: number;
  perRecipientPerSecond: number;
  recipientBurst: number;
}

/** Defaults from the platforms' documentation; settings override them (config.ts). 0 = unlimited. */
export const DEFAULT_CHANNEL_RATES: Readonly<Record<string, ChannelRate>> = {
  // Evenly spaced per channel (burst 1): a platform that counts in any sliding second never sees more.
  telegram: { perSecond: 30, burst: 1, perRecipientPerSecond: 1, recipientBurst: 3 },
  whatsapp: { perSecond: 80, burst: 1, perRecipientPerSecond: 1 / 6, recipientBurst: 45 },
};

/** Paces sends: `delayFor` says how long to wait, `reserve` books the send (call it only when sending). */
export interface RateLimiter {
  /** Milliseconds until this channel and recipient may take one more message (0 = now). */
  delayFor(channel: string, recipient: string, nowMs: number): number;
  /** Books one send at `atMs`. */
  reserve(channel: string, recipient: string, atMs: number): void;
  /** Holds the whole channel until `untilMs` (the platform answered 429 with a retry-after). */
  pause(channel: string, untilMs: number): void;
}

/**
 * The generic cell rate algorithm per key: each key keeps a theoretical arrival time (TAT); a send is allowed
 * when TAT - now is within the burst tolerance, and moves TAT one interval on. No timers, O(1) per send.
 */
function cellRate() {
  const tat = new Map<string, number>();
  return {
    delay(key: string, perSecond: number, burst: number, nowMs: number): number {
      if (perSecond <= 0) return 0;
      const tolerance = (Math.max(burst, 1) - 1) * (1000 / perSecond);
      const wait = (tat.get(key) ?? 0) - tolerance - nowMs;
      return wait > 1e-6 ? wait : 0;
    },
    /** Makes the key's next slot no earlier than `atMs`. */
    hold(key: string, atMs: number) {
      tat.set(key, Math.max(tat.get(key) ?? 0, atMs));
    },
    book(key: string, perSecond: number, atMs: number) {
      if (perSecond <= 0) return;
      // A hair over the exact interval: sums of 1000/perSecond carry floating-point dust that would otherwise
      // let a 31st message into a platform's sliding second.
      tat.set(key, Math.max(tat.get(key) ?? 0, atMs) + (1000 / perSecond) * (1 + 1e-7));
      // Forget keys whose time has passed, so a long-running process does not keep every chat it ever saw.
      if (tat.size > 50_000) for (const [k, t] of tat) if (t < atMs) tat.delete(k);
    },
  };
}

/** Creates a limiter for the given channel rates; channels without a rate are not paced. */
export function createRateLimiter(rates: Readonly<Record<string, ChannelRate>>): RateLimiter {
  const channels = cellRate();
  const recipients = cellRate();
  const recipientKey = (channel: string, recipient: string) => `${channel}\u0000${recipient}`;
  return {
    delayFor(channel, recipient, nowMs) {
      const r = rates[channel];
      if (!r) return 0;
      return Math.max(
        channels.delay(channel, r.perSecond, r.burst, nowMs),
        recipients.delay(recipientKey(channel, recipient), r.perRecipientPerSecond, r.recipientBurst, nowMs),
      );
    },
    reserve(channel, recipient, atMs) {
      const r = rates[channel];
      if (!r) return;
      channels.book(channel, r.perSecond, atMs);
      recipients.book(recipientKey(channel, recipient), r.perRecipientPerSecond, atMs);
    },
    pause(channel, untilMs) {
      // Burst tolerance is subtracted from TAT, so hold past it: nothing goes out before untilMs.
      const r = rates[channel];
      const tolerance = r && r.perSecond > 0 ? (Math.max(r.burst, 1) - 1) * (1000 / r.perSecond) : 0;
      channels.hold(channel, untilMs + tolerance);
    },
  };
}
