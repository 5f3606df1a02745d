// Loads one page of the queue and keeps it fresh: every few seconds it asks the API what changed since the last
// look and reloads the page when something did, so new complaints appear without a reload.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { errorText } from '../components.js';
import type { Page, Summary } from '../types.js';
import type { Filters } from './filters.js';

export const POLL_MS = 4000;
export const PAGE_SIZE = 50;

/** The queue's data for a filter and page. */
export function useQueue(filters: Filters, offset: number) {
  const [page, setPage] = useState<Page<Summary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const since = useRef<string | null>(null);
  const qs = query({ ...filters, limit: PAGE_SIZE, offset });
  // Answers can arrive out of order (a filter cleared, then a search typed at once): only the answer to the
  // latest request may fill the table, or an older, wider list would replace the one the admin asked for.
  const latest = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const answer = await api<Page<Summary>>('GET', `/api/complaints${qs}`);
      if (ticket !== latest.current) return;
      setPage(answer);
      setError(null);
    } catch (err) {
      if (ticket === latest.current) setError(errorText(err));
    }
  }, [qs]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        // The first look only sets the baseline (the page was just loaded); later ones mark what is new.
        const baseline = since.current === null;
        const since0 = since.current ?? new Date(Date.now() - 60_000).toISOString();
        const r = await api<{ items: Summary[]; now: string }>(
          'GET',
          `/api/complaints/changes${query({ since: since0 })}`,
        );
        if (stopped) return;
        since.current = r.now;
        if (r.items.length && !baseline) {
          setFresh(
            (old) => new Set([...old, ...r.items.filter((c) => c.status === 'received').map((c) => c.trackingId)]),
          );
          await load();
        } else if (r.items.length) await load();
      } catch {
        // A missed poll is retried on the next tick; a 401 has already sent the user to the login page.
      }
    };
    const timer = setInterval(tick, POLL_MS);
    void tick();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [load]);

  return { page, error, fresh, reload: load, qs };
}
