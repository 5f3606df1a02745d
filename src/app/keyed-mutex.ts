// Serialises work per key inside one process (e.g. one reporter's messages), so two messages that arrive
// together cannot both open a new complaint. Across instances the unique indexes are the guard.

/** Runs `fn` after every earlier call with the same key has settled. */
export function createKeyedMutex() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
