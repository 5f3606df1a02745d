// Meja OPD: the officer's own agency's complaints, the most pressing first, as cards that work on a phone.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { ClockBadge, errorText, Message, StatusBadge, takeFlash } from '../components.js';
import { formatDateTime } from '../format.js';
import { RemindersPanel } from '../reminders.js';
import { useUser } from '../session.js';
import { labelName } from '../texts.js';
import type { Page, Summary } from '../types.js';

const TABS = [
  { status: '', label: 'Semua' },
  { status: 'forwarded', label: 'Baru diteruskan' },
  { status: 'in_progress', label: 'Sedang dikerjakan' },
  { status: 'resolved', label: 'Selesai' },
];

/** The officer desk. */
export function OfficerDesk() {
  const user = useUser();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState<Page<Summary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok] = useState(takeFlash);
  useEffect(() => {
    setPage(null);
    // The API limits an officer to their own agency; the filter is only what the officer chose to see.
    api<Page<Summary>>('GET', `/api/complaints${query({ status, sort: 'urgent', limit: 100 })}`).then(setPage, (e) =>
      setError(errorText(e)),
    );
  }, [status]);
  return (
    <main id="konten" class="page">
      <h1>Meja OPD {user.agencyCode ? `— ${labelName(user.agencyCode)}` : ''}</h1>
      <div class="tabs" role="tablist" aria-label="Status laporan">
        {TABS.map((t) => (
          <button
            key={t.status}
            type="button"
            role="tab"
            aria-selected={status === t.status}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <Message error={error} ok={ok} />
      <RemindersPanel />
      {page && page.items.length === 0 && <p class="empty">Tidak ada laporan di sini. Terima kasih atas kerja Anda.</p>}
      <ul class="cards">
        {page?.items.map((c) => (
          <li key={c.trackingId} class="card">
            <div class="row between">
              <a class="tid" href={`/admin/laporan/${c.trackingId}`}>
                {c.trackingId}
              </a>
              <StatusBadge status={c.status} />
            </div>
            <p>{c.excerpt}</p>
            <p class="muted small">
              Diterima {formatDateTime(c.createdAt)}
              {c.locationText ? ` · ${c.locationText}` : ''}
            </p>
            <ClockBadge name="Tindak lanjut" clock={c.clocks.followUp} />
            <a class="button primary" href={`/admin/laporan/${c.trackingId}`}>
              Buka dan tindak lanjuti
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
