// StateStore on the KeyValue table.
import type { StateStore } from '../channels/state-store.js';
import type { Db } from './client.js';

/** A StateStore whose keys are namespaced (e.g. "x:") so adapters cannot overwrite each other. */
export function createStateStore(db: Db, namespace: string): StateStore {
  return {
    async get(key) {
      const row = await db.keyValue.findUnique({ where: { key: `${namespace}${key}` } });
      return row?.value ?? null;
    },
    async set(key, value) {
      const k = `${namespace}${key}`;
      await db.keyValue.upsert({ where: { key: k }, create: { key: k, value }, update: { value } });
    },
  };
}
