// One drain's lanes live as long as traffic keeps coming. Every wait in them can end early on stop; such a wait
// must leave nothing behind once it is over (a Promise.race against one long-lived stop promise kept a reaction
// per wait until the drain ended).
import { describe, expect, it } from 'vitest';
import type { ClaimedRow } from '../../src/outbox/outbox-sql.js';
import { createRateLimiter } from '../../src/outbox/rate-limiter.js';
import { createSendLanes } from '../../src/outbox/send-lanes.js';
import { heapAfterGc } from '../support/heap.js';

const row = (i: number): ClaimedRow => ({
  id: `r${i}`,
  address: `x:${i}`,
  channel: 'x',
  text: 'balasan',
  kind: 't',
  complaintId: null,
  attempts: 1,
});

describe('send lanes', () => {
  it('keep no memory per row sent while the drain goes on', async () => {
    let sent = 0;
    const lanes = createSendLanes({
      // X is not paced here: one send at a time, so every row after the first waits for a free place.
      limiter: createRateLimiter({}),
      clock: { nowMs: () => 0, sleep: async () => {} },
      maxInFlight: 8,
      windows: new Map(),
      // The platform answers on the next turn of the event loop, so the next row waits for it.
      start: () => {
        sent++;
        const answered = new Promise<void>((r) => setImmediate(r));
        return { answered, done: answered };
      },
    });
    const batch = async (from: number) => {
      for (let i = from; i < from + 20_000; i++) lanes.queue(row(i), 0);
      await lanes.idle();
    };
    await batch(0);
    const before = heapAfterGc();
    await batch(20_000);
    const grown = heapAfterGc() - before;
    expect(sent).toBe(40_000);
    // A reaction kept per wait costs about 200 bytes: 4 MiB for these 20,000 rows.
    expect(grown).toBeLessThan(1024 * 1024);
    lanes.stop();
  });
});
