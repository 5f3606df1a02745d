// Where a claimed row goes: the slot its send starts at (./send-lanes.ts), or back to the table until its
// chat's slot. Chat slots are booked first, then a channel slot at or after it, so a chat that must wait never
// holds up the channel for other chats.
import type { ClaimedRow } from './outbox-sql.js';
import type { RateLimiter } from './rate-limiter.js';

export type Placement = { at: number } | { putBackMs: number };

/**
 * `booked` holds the chat slots of rows put back (outbox id -> ms): when such a row comes due it uses its slot,
 * and its own later bookings do not push it back again. The worker's wake-up reads it.
 */
export function createSlotPlanner(limiter: RateLimiter, maxInlineWaitMs: number, maxHoldMs: number) {
  const booked = new Map<string, number>();

  /**
   * A row is put back when its chat's slot is more than maxInlineWaitMs away, or a row of the chat was put
   * back in this pass (`later`: order holds), or the channel's slot is beyond maxHoldMs (a 429's long pause).
   */
  function place(row: ClaimedRow, later: Map<string, number>, t: number): Placement {
    const rate = limiter.rateOf(row.channel);
    if (!rate || (rate.perSecond <= 0 && rate.perRecipientPerSecond <= 0)) return { at: t };
    const key = `${row.channel}\u0000${row.address}`;
    const held = booked.get(row.id);
    booked.delete(row.id);
    const due = held ?? limiter.bookRecipient(row.channel, row.address, t);
    const after = later.get(key);
    if (due - t > maxInlineWaitMs || after !== undefined) {
      const at = Math.max(due, (after ?? 0) + 1);
      later.set(key, at);
      // A booking whose row another instance sends never comes back here; the wake-up after its slot drops it.
      booked.set(row.id, at);
      return { putBackMs: at - t };
    }
    const at = limiter.bookChannel(row.channel, Math.max(t, due));
    if (at - t > maxHoldMs) {
      booked.set(row.id, at);
      return { putBackMs: at - t };
    }
    return { at };
  }

  return { booked, place };
}
