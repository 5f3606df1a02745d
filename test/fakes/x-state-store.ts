/**
 * An in-memory StateStore for X adapter tests (the product's one lives on the KeyValue table). Sharing one
 * instance between two adapters stands in for a restart: the cursor and tokens survive, the process does not.
 */
import type { StateStore } from '../../src/channels/state-store.js';

/** A StateStore on a Map; `values` is exposed so tests can read or rewind what the adapter stored. */
export function memoryStateStore(initial: Record<string, string> = {}): StateStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    async get(key) {
      return values.get(key) ?? null;
    },
    async set(key, value) {
      values.set(key, value);
    },
  };
}
