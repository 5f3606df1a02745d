// A small counting semaphore with a bounded queue and two lanes. Password hashing (scrypt) is deliberately
// expensive; without a bound, a flood of wrong passwords occupies every thread-pool slot and a real admin's
// login waits seconds. The urgent lane lets an attempt with no failures behind it (the real admin, usually)
// overtake attempts from accounts and addresses that have been guessing.

/** Thrown when the queue is full: the caller answers 429 rather than piling up more work. */
export class SemaphoreFullError extends Error {}

/** Runs at most `max` tasks at once; at most `maxWaiting` more wait per lane, in order, the rest are refused. */
export function createSemaphore(max: number, maxWaiting: number) {
  let running = 0;
  const lanes = { urgent: [] as (() => void)[], normal: [] as (() => void)[] };
  const release = () => {
    running--;
    const next = lanes.urgent.shift() ?? lanes.normal.shift();
    if (next) {
      running++;
      next();
    }
  };
  return {
    /** Runs `fn` when a slot is free (urgent waiters first); throws SemaphoreFullError when its lane is full. */
    async run<T>(fn: () => Promise<T>, opts: { urgent?: boolean } = {}): Promise<T> {
      if (running >= max) {
        const lane = opts.urgent ? lanes.urgent : lanes.normal;
        if (lane.length >= maxWaiting) throw new SemaphoreFullError('too many concurrent tasks');
        await new Promise<void>((resolve) => lane.push(resolve));
      } else running++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
    /** Tasks running and waiting now (for tests and health). */
    load: () => ({ running, waiting: lanes.urgent.length + lanes.normal.length }),
  };
}

export type Semaphore = ReturnType<typeof createSemaphore>;
