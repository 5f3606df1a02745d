// "Pengingat": the reminders the escalation job wrote for the logged-in user (clocks at 50, 80 and 100 percent),
// whether or not a chat is linked. Shown on the officer desk and on the dashboard.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { errorText, Message, StatusBadge, useBusy } from './components.js';
import { formatDateTime } from './format.js';
import { useUser } from './session.js';

/** One reminder as GET /api/reminders lists it. */
export interface Reminder {
  id: string;
  trackingId: string;
  status: string;
  clock: 'verify' | 'follow_up';
  threshold: number;
  dueAt: string;
  sent: boolean;
  createdAt: string;
}

const CLOCK_NAMES = { verify: 'Verifikasi', follow_up: 'Tindak lanjut' } as const;

/** What a threshold means in words. */
function progress(r: Reminder): string {
  return r.threshold >= 100 ? 'batas waktu terlampaui' : `${r.threshold}% waktu berjalan`;
}

/** The panel; hidden for users who never get reminders (viewers). */
export function RemindersPanel() {
  const user = useUser();
  const [items, setItems] = useState<Reminder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run, error: actionError } = useBusy();
  const load = () =>
    api<{ items: Reminder[] }>('GET', '/api/reminders').then(
      (r) => setItems(r.items),
      (e) => setError(errorText(e)),
    );
  useEffect(() => {
    if (user.role !== 'viewer') load();
  }, [user.role]);
  const markRead = (id: string) =>
    run(async () => {
      await api('POST', `/api/reminders/${id}/read`, {});
      setItems((list) => list?.filter((r) => r.id !== id) ?? null);
    });
  if (user.role === 'viewer') return null;
  return (
    <section class="card reminders" aria-labelledby="judul-pengingat">
      <div class="row between">
        <h2 id="judul-pengingat">Pengingat{items && items.length > 0 ? ` (${items.length})` : ''}</h2>
        <a href="/admin/akun">Terima pengingat di Telegram/WhatsApp</a>
      </div>
      <Message error={error ?? actionError} />
      {items?.length === 0 && <p class="muted">Tidak ada pengingat baru. Semua laporan masih dalam batas waktu.</p>}
      <ul class="plain">
        {items?.map((r) => (
          <li key={r.id} class={`reminder t-${r.threshold}`}>
            <div class="row between">
              <span>
                <a class="tid" href={`/admin/laporan/${r.trackingId}`}>
                  {r.trackingId}
                </a>{' '}
                <StatusBadge status={r.status} /> {CLOCK_NAMES[r.clock]}: <strong>{progress(r)}</strong>
              </span>
              <button type="button" class="link" disabled={busy} onClick={() => markRead(r.id)}>
                Tandai dibaca
              </button>
            </div>
            <p class="muted small">
              Batas {formatDateTime(r.dueAt)} · dicatat {formatDateTime(r.createdAt)}
              {r.sent ? ' · dikirim ke kanal obrolan Anda' : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
