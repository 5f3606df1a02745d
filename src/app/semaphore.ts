// A small counting semaphore with a bounded queue. Password hashing (scrypt) is deliberately expensive; without
// a bound, a flood of wrong passwords occupies every thread-pool slot and a real admin's login waits seconds.

/** Thrown when the queue is full: the caller answers 429 rather than piling up more work. */
export class SemaphoreFullError extends Error {}

/** Runs at most `max` tasks at once; at most `maxWaiting` more wait in FIFO order, the rest are refused. */
export function createSemaphore(max: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return {
    /** Runs `fn` when a slot is free; throws SemaphoreFullError at once when too many are waiting. */
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running >= max) {
        if (waiting.length >= maxWaiting) throw new SemaphoreFullError('too many concurrent tasks');
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
    /** Tasks running and waiting now (for tests and health). */
    load: () => ({ running, waiting: waiting.length }),
  };
}

export type Semaphore = ReturnType<typeof createSemaphore>;
