// The queue's filters; their values live in the URL so a reload, a shared link and the CSV export agree.
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

/** The filter bar above the queue. */
export function FilterBar({ value, agencies, onChange }: Props) {
  const set = (k: keyof Filters) => (e: Event) =>
    onChange({ ...value, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form class="filters" aria-label="Saringan antrean" onSubmit={(e) => e.preventDefault()}>
      <label class="grow">
        Cari
        <input
          id="cari"
          type="search"
          placeholder="Kata kunci atau nomor laporan (tekan /)"
          value={value.q}
          onChange={set('q')}
          // Escape leaves the field so the list's shortcuts (j, k, x, Enter) work again without the mouse; the
          // browser's own Escape would clear a search field and silently change the list under the cursor.
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.currentTarget.blur();
          }}
        />
      </label>
      <label>
        Status
        <select value={value.status} onChange={set('status')}>
          <option value="">Semua</option>
          {Object.entries(STATUS_SHORT).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        Kanal
        <select value={value.channel} onChange={set('channel')}>
          <option value="">Semua</option>
          {Object.entries(CHANNEL_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        OPD (saran)
        <select value={value.agency} onChange={set('agency')}>
          <option value="">Semua</option>
          {agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.shortName}
            </option>
          ))}
        </select>
      </label>
      <label>
        Batas waktu
        <select value={value.overdue} onChange={set('overdue')}>
          <option value="">Semua</option>
          <option value="verify">Verifikasi lewat batas</option>
          <option value="follow_up">Tindak lanjut lewat batas</option>
          <option value="at_risk">Risiko Ombudsman</option>
        </select>
      </label>
      <label>
        Perlu ditinjau
        <select value={value.needsReview} onChange={set('needsReview')}>
          <option value="">Semua</option>
          <option value="true">Ya</option>
          <option value="false">Tidak</option>
        </select>
      </label>
      <label>
        Urutan
        <select value={value.sort} onChange={set('sort')}>
          <option value="">Terbaru</option>
          <option value="urgent">Paling mendesak</option>
        </select>
      </label>
    </form>
  );
}
