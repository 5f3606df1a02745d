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

/**
 * Paces sends. `delayFor` + `reserve` ask and book "now"; `bookRecipient` + `bookChannel` book slots ahead, so
 * several sends can be in flight, each started at its own slot.
 */
export interface RateLimiter {
  /** The platform's limits for a channel, or undefined when the channel is not paced here. */
  rateOf(channel: string): ChannelRate | undefined;
  /** Milliseconds until this channel and recipient may take one more message (0 = now). */
  delayFor(channel: string, recipient: string, nowMs: number): number;
  /** Books one send at `atMs`. */
  reserve(channel: string, recipient: string, atMs: number): void;
  /** Books the recipient's earliest slot at or after `atMs` and returns it (the channel is not booked). */
  bookRecipient(channel: string, recipient: string, atMs: number): number;
  /** Books the channel's earliest slot at or after `atMs` (and after any pause) and returns it. */
  bookChannel(channel: string, atMs: number): number;
  /** Holds the whole channel until `untilMs` (the platform answered 429 with a retry-after). */
  pause(channel: string, untilMs: number): void;
  /** Until when a 429 holds the channel (0 = not held); slots booked before the 429 wait for it too. */
  heldUntil(channel: string): number;
  /** Recipients whose pacing still matters (a sweep forgets the rest); bounded by recent traffic. */
  trackedRecipients(): number;
}

/**
 * Share of the platform's limit the worker paces at by default. The rest is a margin against a platform that
 * counts strictly in any sliding second: with 30/s, 30 evenly spaced sends span 1,053 ms, so a send that
 * reaches the platform up to 50 ms late (a busy event loop, the network) does not make a 31st in its second.
 */
export const DEFAULT_PACE_SHARE = 0.95;

/** Keys kept before the first sweep of passed ones. */
const SWEEP_MIN = 1_000;

/**
 * The generic cell rate algorithm per key: each key keeps a theoretical arrival time (TAT); a send is allowed
 * when TAT - now is within the burst tolerance, and moves TAT one interval on. No timers, O(1) per send.
 */
function cellRate() {
  const tat = new Map<string, number>();
  let sweepAbove = SWEEP_MIN;
  const delay = (key: string, perSecond: number, burst: number, nowMs: number): number => {
    if (perSecond <= 0) return 0;
    const tolerance = (Math.max(burst, 1) - 1) * (1000 / perSecond);
    const wait = (tat.get(key) ?? 0) - tolerance - nowMs;
    return wait > 1e-6 ? wait : 0;
  };
  const book = (key: string, perSecond: number, atMs: number) => {
    if (perSecond <= 0) return;
    // A hair over the exact interval: sums of 1000/perSecond carry floating-point dust that would otherwise
    // let a 31st message into a platform's sliding second.
    tat.set(key, Math.max(tat.get(key) ?? 0, atMs) + (1000 / perSecond) * (1 + 1e-7));
    // Forget keys whose time has passed (a past TAT limits nothing), so a long-running process does not keep
    // every chat it ever saw. The next sweep waits until the map has doubled: O(1) per send, amortised.
    if (tat.size > sweepAbove) {
      for (const [k, t] of tat) if (t < atMs) tat.delete(k);
      sweepAbove = Math.max(SWEEP_MIN, tat.size * 2);
    }
  };
  return {
    delay,
    book,
    size: () => tat.size,
    /** Makes the key's next slot no earlier than `atMs`. */
    hold(key: string, atMs: number) {
      tat.set(key, Math.max(tat.get(key) ?? 0, atMs));
    },
    /** Books and returns the earliest conforming slot at or after `atMs`. */
    take(key: string, perSecond: number, burst: number, atMs: number): number {
      const slot = atMs + delay(key, perSecond, burst, atMs);
      book(key, perSecond, slot);
      return slot;
    },
  };
}

/**
 * Creates a limiter for the given channel rates (the platforms' limits); channels without a rate are not
 * paced. Sends are paced at `share` of each rate (DEFAULT_PACE_SHARE); 1 paces at the limit itself.
 */
export function createRateLimiter(
  limits: Readonly<Record<string, ChannelRate>>,
  { share = DEFAULT_PACE_SHARE }: { share?: number } = {},
): RateLimiter {
  const rates: Record<string, ChannelRate> = {};
  for (const [channel, r] of Object.entries(limits)) {
    rates[channel] = { ...r, perSecond: r.perSecond * share, perRecipientPerSecond: r.perRecipientPerSecond * share };
  }
  const channels = cellRate();
  const recipients = cellRate();
  const held = new Map<string, number>();
  const recipientKey = (channel: string, recipient: string) => `${channel}\u0000${recipient}`;
  return {
    rateOf: (channel) => limits[channel],
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
    bookRecipient(channel, recipient, atMs) {
      const r = rates[channel];
      if (!r) return atMs;
      return recipients.take(recipientKey(channel, recipient), r.perRecipientPerSecond, r.recipientBurst, atMs);
    },
    bookChannel(channel, atMs) {
      const r = rates[channel];
      if (!r) return atMs;
      return channels.take(channel, r.perSecond, r.burst, atMs);
    },
    pause(channel, untilMs) {
      held.set(channel, Math.max(held.get(channel) ?? 0, untilMs));
      // Burst tolerance is subtracted from TAT, so hold past it: nothing goes out before untilMs.
      const r = rates[channel];
      const tolerance = r && r.perSecond > 0 ? (Math.max(r.burst, 1) - 1) * (1000 / r.perSecond) : 0;
      channels.hold(channel, untilMs + tolerance);
    },
    heldUntil: (channel) => held.get(channel) ?? 0,
    trackedRecipients: () => recipients.size(),
  };
}
