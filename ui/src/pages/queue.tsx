// Antrean tinjauan: every complaint the bot collected, filtered, kept fresh, with shortcuts and bulk actions.
import { useEffect, useState } from 'preact/hooks';
import { accept, transition } from '../actions.js';
import { api, query } from '../api.js';
import { Message, useBusy } from '../components.js';
import { BulkBar } from '../queue/bulk.js';
import { ReasonForm, ShortcutHelp } from '../queue/dialogs.js';
import { FILTER_KEYS, FilterBar, type Filters, filtersFrom } from '../queue/filters.js';
import { useShortcuts } from '../queue/shortcuts.js';
import { QueueTable } from '../queue/table.js';
import { PAGE_SIZE, useQueue } from '../queue/use-queue.js';
import { navigate } from '../router.js';
import { canReview, useUser } from '../session.js';
import type { Agency } from '../types.js';

/** The review queue. */
export function QueuePage() {
  const user = useUser();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(new URLSearchParams(location.search)));
  const [offset, setOffset] = useState(0);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [ok, setOk] = useState<string | null>(null);
  const { page, error: loadError, fresh, reload, qs } = useQueue(filters, offset);
  const action = useBusy(reload);
  const items = page?.items ?? [];
  const current = items[Math.min(cursor, items.length - 1)];
  const reviewer = canReview(user.role);

  useEffect(() => {
    api<{ items: Agency[] }>('GET', '/api/agencies').then(
      (r) => setAgencies(r.items),
      () => undefined,
    );
  }, []);

  const changeFilters = (f: Filters) => {
    setFilters(f);
    setOffset(0);
    setCursor(0);
    const shown = Object.fromEntries(FILTER_KEYS.map((k) => [k, f[k]]));
    history.replaceState(null, '', `/admin/antrean${query(shown)}`);
  };

  const act = async (label: string, fn: () => Promise<unknown>) => {
    setOk(null);
    if (await action.run(fn)) {
      setOk(label);
      await reload();
    }
  };
  const doAccept = () =>
    current &&
    act(`${current.trackingId} diverifikasi dan diteruskan.`, () => accept(current.trackingId, current.status));
  const doVerify = () =>
    current &&
    act(`${current.trackingId} diverifikasi.`, () =>
      transition(current.trackingId, { action: 'verify', expectedStatus: current.status }),
    );
  const doReject = (id: string, status: string, reason: string) =>
    act(`${id} ditolak.`, () =>
      transition(id, { action: 'reject', note: reason, publicNote: reason, expectedStatus: status }),
    ).then(() => setRejecting(null));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    Enter: () => current && navigate(`/laporan/${current.trackingId}`),
    x: () => current && toggle(current.trackingId),
    a: () => reviewer && void doAccept(),
    v: () => reviewer && void doVerify(),
    r: () => reviewer && current && setRejecting(current.trackingId),
    '/': () => document.getElementById('cari')?.focus(),
    '?': () => setHelp((h) => !h),
  });

  useEffect(() => {
    document.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const rejectTarget = items.find((c) => c.trackingId === rejecting);
  return (
    <main id="konten" class="page wide">
      <div class="page-head">
        <h1>Antrean tinjauan</h1>
        <div class="row">
          <a class="button" href={`/api/complaints${query({ ...filters, format: 'csv' })}`} download>
            Unduh CSV
          </a>
          <button type="button" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
            Pintasan (?)
          </button>
        </div>
      </div>
      <FilterBar value={filters} agencies={agencies} onChange={changeFilters} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {rejectTarget && (
        <ReasonForm
          title={`Alasan penolakan ${rejectTarget.trackingId} (dikirim ke pelapor)`}
          busy={action.busy}
          onSubmit={(r) => void doReject(rejectTarget.trackingId, rejectTarget.status, r)}
          onCancel={() => setRejecting(null)}
        />
      )}
      <Message error={loadError ?? action.error} ok={ok} />
      {reviewer && selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          agencies={agencies}
          onDone={async (msg) => {
            setOk(msg);
            setSelected(new Set());
            await reload();
          }}
        />
      )}
      <p class="muted" aria-live="polite">
        {page ? `${page.total} laporan` : 'Memuat…'}
        {fresh.size > 0 ? ` · ${fresh.size} laporan baru masuk` : ''}
        <span class="sr-only" data-qs={qs} />
      </p>
      {page && page.items.length === 0 && <p class="empty">Tidak ada laporan yang cocok dengan saringan ini.</p>}
      {items.length > 0 && (
        <QueueTable
          items={items}
          cursor={cursor}
          selected={selected}
          fresh={fresh}
          onToggle={toggle}
          onToggleAll={() =>
            setSelected((s) =>
              items.every((c) => s.has(c.trackingId)) ? new Set() : new Set(items.map((c) => c.trackingId)),
            )
          }
          onCursor={setCursor}
        />
      )}
      {page && page.total > PAGE_SIZE && (
        <nav class="row pager" aria-label="Halaman">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            Sebelumnya
          </button>
          <span>
            {offset + 1}–{Math.min(offset + PAGE_SIZE, page.total)} dari {page.total}
          </span>
          <button
            type="button"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Berikutnya
          </button>
        </nav>
      )}
    </main>
  );
}
