// Small persisted state an adapter may need (X's since_id cursor, refreshed OAuth tokens), injected so that
// adapters never touch the database directly.

/** A string key-value store that survives restarts and is shared by all instances. */
export interface StateStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}
