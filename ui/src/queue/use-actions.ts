// The queue's own state beyond the list: the quick decisions taken from it and the selection for bulk actions.
import { useState } from 'preact/hooks';
import { accept, transition } from '../actions.js';
import { useBusy } from '../components.js';
import type { Summary } from '../types.js';

/** Accept, verify and reject from the queue; after each success the list is loaded again. */
export function useQueueActions(reload: () => Promise<void>) {
  const [ok, setOk] = useState<string | null>(null);
  // A stale status (another reviewer was faster) reloads the list, so the row shows what is true now.
  const { busy, error, run } = useBusy(reload);
  const act = async (label: string, fn: () => Promise<unknown>) => {
    setOk(null);
    if (await run(fn)) {
      await reload();
      setOk(label);
    }
  };
  return {
    ok,
    setOk,
    busy,
    error,
    accept: (c: Summary) => act(`${c.trackingId} diverifikasi dan diteruskan.`, () => accept(c.trackingId, c.status)),
    verify: (c: Summary) =>
      act(`${c.trackingId} diverifikasi.`, () =>
        transition(c.trackingId, { action: 'verify', expectedStatus: c.status }),
      ),
    reject: (c: Summary, reason: string) =>
      act(`${c.trackingId} ditolak.`, () =>
        transition(c.trackingId, { action: 'reject', note: reason, publicNote: reason, expectedStatus: c.status }),
      ),
  };
}

/** The tracking IDs ticked for a bulk action. */
export function useSelection(items: Summary[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  // Ticks the whole page, or clears it when every row is ticked already.
  const toggleAll = () =>
    setSelected((s) => (items.every((c) => s.has(c.trackingId)) ? new Set() : new Set(items.map((c) => c.trackingId))));
  return { selected, toggle, toggleAll, clear: () => setSelected(new Set()) };
}
