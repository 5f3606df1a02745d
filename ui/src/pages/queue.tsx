// Antrean tinjauan: every complaint the bot collected, filtered, kept fresh, with shortcuts and bulk actions.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { Message } from '../components.js';
import { BulkBar } from '../queue/bulk.js';
import { ReasonForm, ShortcutHelp } from '../queue/dialogs.js';
import { FILTER_KEYS, FilterBar, type Filters, filtersFrom } from '../queue/filters.js';
import { useShortcuts } from '../queue/shortcuts.js';
import { QueueTable } from '../queue/table.js';
import { useQueueActions, useSelection } from '../queue/use-actions.js';
import { PAGE_SIZE, useQueue } from '../queue/use-queue.js';
import { navigate } from '../router.js';
import { canReview, useUser } from '../session.js';
import type { Agency, Page, Summary } from '../types.js';

/** The review queue. */
export function QueuePage() {
  const user = useUser();
  const [offset, setOffset] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [filters, changeFilters] = useUrlFilters(() => {
    setOffset(0);
    setCursor(0);
  });
  const agencies = useAllAgencies();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const { page, error: loadError, fresh, reload, qs } = useQueue(filters, offset);
  const action = useQueueActions(reload);
  const items = page?.items ?? [];
  const selection = useSelection(items);
  const current = items[Math.min(cursor, items.length - 1)];
  const reviewer = canReview(user.role);
  useQueueKeys({ items, cursor, current, reviewer, selection, action, setCursor, setRejecting, setHelp });

  const rejectTarget = items.find((c) => c.trackingId === rejecting);
  return (
    <main id="konten" class="page wide">
      <QueueHead filters={filters} help={help} onHelp={() => setHelp((h) => !h)} />
      <FilterBar value={filters} agencies={agencies} onChange={changeFilters} />
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {rejectTarget && (
        <ReasonForm
          title={`Alasan penolakan ${rejectTarget.trackingId} (dikirim ke pelapor)`}
          busy={action.busy}
          onSubmit={(r) => void action.reject(rejectTarget, r).then(() => setRejecting(null))}
          onCancel={() => setRejecting(null)}
        />
      )}
      <Message error={loadError ?? action.error} ok={action.ok} />
      {reviewer && selection.selected.size > 0 && (
        <BulkBar
          ids={[...selection.selected]}
          agencies={agencies}
          onDone={async (msg) => {
            selection.clear();
            await reload();
            action.setOk(msg);
          }}
        />
      )}
      <QueueList
        page={page}
        qs={qs}
        fresh={fresh}
        cursor={cursor}
        selection={selection}
        offset={offset}
        onCursor={setCursor}
        onOffset={setOffset}
      />
    </main>
  );
}

/** The filters, kept in the URL (without a new history entry) so a reload or a shared link shows the same list. */
function useUrlFilters(onChange: () => void) {
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(new URLSearchParams(location.search)));
  const change = (f: Filters) => {
    setFilters(f);
    onChange();
    const shown = Object.fromEntries(FILTER_KEYS.map((k) => [k, f[k]]));
    history.replaceState(null, '', `/admin/antrean${query(shown)}`);
  };
  return [filters, change] as const;
}

/** The queue's keyboard shortcuts (listed by "Pintasan (?)"); the row under the cursor stays in view. */
function useQueueKeys(p: {
  items: Summary[];
  cursor: number;
  current: Summary | undefined;
  reviewer: boolean;
  selection: ReturnType<typeof useSelection>;
  action: ReturnType<typeof useQueueActions>;
  setCursor: (fn: (c: number) => number) => void;
  setRejecting: (id: string) => void;
  setHelp: (fn: (h: boolean) => boolean) => void;
}) {
  const { items, current, reviewer, action } = p;
  useShortcuts({
    j: () => p.setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => p.setCursor((c) => Math.max(c - 1, 0)),
    Enter: () => current && navigate(`/laporan/${current.trackingId}`),
    x: () => current && p.selection.toggle(current.trackingId),
    a: () => reviewer && current && void action.accept(current),
    v: () => reviewer && current && void action.verify(current),
    r: () => reviewer && current && p.setRejecting(current.trackingId),
    '/': () => document.getElementById('cari')?.focus(),
    '?': () => p.setHelp((h) => !h),
  });
  useEffect(() => {
    document.querySelector('tr.cursor')?.scrollIntoView({ block: 'nearest' });
  }, [p.cursor]);
}

/** Every agency, inactive ones too: the queue still filters and forwards by them. */
function useAllAgencies(): Agency[] {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    api<{ items: Agency[] }>('GET', '/api/agencies').then(
      (r) => setAgencies(r.items),
      () => undefined,
    );
  }, []);
  return agencies;
}

interface ListProps {
  page: Page<Summary> | null;
  qs: string;
  fresh: Set<string>;
  cursor: number;
  selection: ReturnType<typeof useSelection>;
  offset: number;
  onCursor: (i: number) => void;
  onOffset: (o: number) => void;
}

/** The count, the rows and the pager. */
function QueueList({ page, qs, fresh, cursor, selection, offset, onCursor, onOffset }: ListProps) {
  const items = page?.items ?? [];
  return (
    <>
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
          selected={selection.selected}
          fresh={fresh}
          onToggle={selection.toggle}
          onToggleAll={selection.toggleAll}
          onCursor={onCursor}
        />
      )}
      {page && page.total > PAGE_SIZE && <Pager offset={offset} total={page.total} onOffset={onOffset} />}
    </>
  );
}

function QueueHead({ filters, help, onHelp }: { filters: Filters; help: boolean; onHelp: () => void }) {
  return (
    <div class="page-head">
      <h1>Antrean tinjauan</h1>
      <div class="row">
        <a class="button" href={`/api/complaints${query({ ...filters, format: 'csv' })}`} download>
          Unduh CSV
        </a>
        <button type="button" onClick={onHelp} aria-expanded={help}>
          Pintasan (?)
        </button>
      </div>
    </div>
  );
}

function Pager({ offset, total, onOffset }: { offset: number; total: number; onOffset: (o: number) => void }) {
  return (
    <nav class="row pager" aria-label="Halaman">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        Sebelumnya
      </button>
      <span>
        {offset + 1}–{Math.min(offset + PAGE_SIZE, total)} dari {total}
      </span>
      <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Berikutnya
      </button>
    </nav>
  );
}
