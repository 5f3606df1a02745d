// Data every screen may need, loaded once per page.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import type { Agency } from './types.js';

let cache: Promise<Agency[]> | null = null;

/** The active agencies (cached for the session of the page). */
export function useAgencies(): Agency[] {
  const [list, setList] = useState<Agency[]>([]);
  useEffect(() => {
    cache ??= api<{ items: Agency[] }>('GET', '/api/agencies').then(
      (r) => r.items.filter((a) => a.active !== false),
      (err) => {
        cache = null;
        throw err;
      },
    );
    cache.then(setList, () => undefined);
  }, []);
  return list;
}
