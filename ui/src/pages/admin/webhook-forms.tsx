// The webhooks page's form (a new subscriber) and its delivery history with the manual retry.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { formatDateTime } from '../../format.js';

const EVENTS: [string, string][] = [
  ['complaint.created', 'Laporan baru'],
  ['complaint.status_changed', 'Perubahan status'],
  ['complaint.rated', 'Penilaian pelapor'],
];
const STATUS: Record<string, string> = {
  pending: 'Menunggu',
  sending: 'Dikirim',
  delivered: 'Terkirim',
  failed: 'Gagal',
};

/** Adds a subscriber; the answer carries the secret, handed to the page to show once. */
export function AddSubscriber({
  busy,
  run,
  onAdded,
}: {
  busy: boolean;
  run: (fn: () => Promise<void>) => Promise<unknown>;
  onAdded: (name: string, secret: string) => void;
}) {
  const [f, setF] = useState({ name: '', url: '', events: ['complaint.created', 'complaint.status_changed'] });
  const toggle = (e: string) =>
    setF({ ...f, events: f.events.includes(e) ? f.events.filter((x) => x !== e) : [...f.events, e] });
  return (
    <form
      class="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        void (async () => {
          // The secret is handed over after the in-flight guard is released, so the page can reload its lists.
          let secret: string | null = null;
          await run(async () => {
            secret = (await api<{ secret: string }>('POST', '/api/webhooks/subscribers', f)).secret;
          });
          if (secret) {
            onAdded(f.name, secret);
            setF({ name: '', url: '', events: ['complaint.created', 'complaint.status_changed'] });
          }
        })();
      }}
    >
      <h2>Tambah pelanggan</h2>
      <div class="row wrap">
        <label>
          Nama sistem
          <input required minLength={2} value={f.name} onInput={(e) => setF({ ...f, name: e.currentTarget.value })} />
        </label>
        <label class="grow">
          Alamat URL (https://…)
          <input required type="url" value={f.url} onInput={(e) => setF({ ...f, url: e.currentTarget.value })} />
        </label>
      </div>
      <fieldset>
        <legend>Peristiwa</legend>
        {EVENTS.map(([code, label]) => (
          <label key={code} class="inline">
            <input type="checkbox" checked={f.events.includes(code)} onChange={() => toggle(code)} /> {label}
          </label>
        ))}
      </fieldset>
      <div>
        <button class="primary" type="submit" disabled={busy || f.events.length === 0}>
          Tambah
        </button>
      </div>
    </form>
  );
}

interface Delivery {
  id: string;
  subscriberName: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

/** The delivery history, failed ones first by default, each failed one with "Kirim ulang". */
export function DeliveryTable(p: {
  deliveries: Delivery[];
  filter: string;
  setFilter: (s: string) => void;
  busy: boolean;
  act: (message: string, fn: () => Promise<unknown>) => Promise<unknown>;
}) {
  return (
    <section class="card" aria-labelledby="judul-pengiriman">
      <div class="row between">
        <h2 id="judul-pengiriman">Riwayat pengiriman</h2>
        <label>
          Tampilkan
          <select value={p.filter} onChange={(e) => p.setFilter(e.currentTarget.value)}>
            <option value="failed">Gagal</option>
            <option value="pending">Menunggu</option>
            <option value="delivered">Terkirim</option>
            <option value="">Semua</option>
          </select>
        </label>
      </div>
      {p.deliveries.length === 0 && <p class="muted">Tidak ada pengiriman.</p>}
      {p.deliveries.length > 0 && (
        <div class="table-scroll">
          <table aria-label="Riwayat pengiriman webhook">
            <thead>
              <tr>
                <th scope="col">Waktu</th>
                <th scope="col">Pelanggan</th>
                <th scope="col">Peristiwa</th>
                <th scope="col">Status</th>
                <th scope="col">Percobaan</th>
                <th scope="col">Kesalahan terakhir</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {p.deliveries.map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td class="small">{formatDateTime(d.createdAt)}</td>
                  <td>{d.subscriberName}</td>
                  <td class="small">{d.event}</td>
                  <td>
                    <span class={`badge d-${d.status}`}>{STATUS[d.status] ?? d.status}</span>
                  </td>
                  <td>{d.attempts}</td>
                  <td class="small break">{d.lastError ?? ''}</td>
                  <td>
                    {d.status === 'failed' && (
                      <button
                        type="button"
                        disabled={p.busy}
                        onClick={() =>
                          p.act('Pengiriman dijadwalkan ulang.', () =>
                            api('POST', `/api/webhooks/deliveries/${d.id}/retry`, {}),
                          )
                        }
                      >
                        Kirim ulang
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
