// The queue's filters; their values live in the URL so a reload, a shared link and the CSV export agree.
import { agencyPairs, type Pairs, Select } from '../fields.js';
import { CHANNEL_LABELS, STATUS_SHORT } from '../texts.js';
import type { Agency } from '../types.js';

/** Every filter the queue understands (names as in GET /api/complaints). */
export interface Filters {
  status: string;
  channel: string;
  agency: string;
  overdue: string;
  needsReview: string;
  q: string;
  sort: string;
}

export const FILTER_KEYS: (keyof Filters)[] = ['status', 'channel', 'agency', 'overdue', 'needsReview', 'q', 'sort'];

/** Reads the filters from a query string. */
export function filtersFrom(search: URLSearchParams): Filters {
  const f = {} as Filters;
  for (const k of FILTER_KEYS) f[k] = search.get(k) ?? '';
  return f;
}

interface Props {
  value: Filters;
  agencies: Agency[];
  onChange: (f: Filters) => void;
}

const OVERDUE: Pairs = [
  ['verify', 'Verifikasi lewat batas'],
  ['follow_up', 'Tindak lanjut lewat batas'],
  ['at_risk', 'Risiko Ombudsman'],
];
const YES_NO: Pairs = [
  ['true', 'Ya'],
  ['false', 'Tidak'],
];
const SORTS: Pairs = [['urgent', 'Paling mendesak']];

/** The filter bar above the queue. */
export function FilterBar({ value, agencies, onChange }: Props) {
  const set = (k: keyof Filters) => (v: string) => onChange({ ...value, [k]: v });
  const select = (k: keyof Filters, label: string, pairs: Pairs, empty = 'Semua') => (
    <Select label={label} value={value[k]} onValue={set(k)} pairs={pairs} empty={empty} />
  );
  return (
    <form class="filters" aria-label="Saringan antrean" onSubmit={(e) => e.preventDefault()}>
      <label class="grow">
        Cari
        <input
          id="cari"
          type="search"
          placeholder="Kata kunci atau nomor laporan (tekan /)"
          value={value.q}
          onChange={(e) => set('q')(e.currentTarget.value)}
          // Escape leaves the field so the list's shortcuts (j, k, x, Enter) work again without the mouse; the
          // browser's own Escape would clear a search field and silently change the list under the cursor.
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.currentTarget.blur();
          }}
        />
      </label>
      {select('status', 'Status', Object.entries(STATUS_SHORT))}
      {select('channel', 'Kanal', Object.entries(CHANNEL_LABELS))}
      {select('agency', 'OPD (saran)', agencyPairs(agencies))}
      {select('overdue', 'Batas waktu', OVERDUE)}
      {select('needsReview', 'Perlu ditinjau', YES_NO)}
      {select('sort', 'Urutan', SORTS, 'Terbaru')}
    </form>
  );
}
