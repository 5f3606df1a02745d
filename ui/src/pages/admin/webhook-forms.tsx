// The webhooks page's form (a new subscriber) and its delivery history with the manual retry.
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, Form, Head, type Pairs, Select } from '../../fields.js';
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
    <Form
      class="card stack"
      onSubmit={() => {
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
        <Field label="Nama sistem" required minLength={2} value={f.name} onValue={(name) => setF({ ...f, name })} />
        <Field
          label="Alamat URL (https://…)"
          class="grow"
          required
          type="url"
          value={f.url}
          onValue={(url) => setF({ ...f, url })}
        />
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
    </Form>
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

const SHOWN: Pairs = [
  ['failed', 'Gagal'],
  ['pending', 'Menunggu'],
  ['delivered', 'Terkirim'],
  ['', 'Semua'],
];

type Act = (message: string, fn: () => Promise<unknown>) => Promise<unknown>;

/** The delivery history, failed ones first by default, each failed one with "Kirim ulang". */
export function DeliveryTable(p: {
  deliveries: Delivery[];
  filter: string;
  setFilter: (s: string) => void;
  busy: boolean;
  act: Act;
}) {
  return (
    <section class="card" aria-labelledby="judul-pengiriman">
      <div class="row between">
        <h2 id="judul-pengiriman">Riwayat pengiriman</h2>
        <Select label="Tampilkan" value={p.filter} onValue={p.setFilter} pairs={SHOWN} />
      </div>
      {p.deliveries.length === 0 && <p class="muted">Tidak ada pengiriman.</p>}
      {p.deliveries.length > 0 && (
        <div class="table-scroll">
          <table aria-label="Riwayat pengiriman webhook">
            <Head cols={['Waktu', 'Pelanggan', 'Peristiwa', 'Status', 'Percobaan', 'Kesalahan terakhir', '']} />
            <tbody>
              {p.deliveries.map((d) => (
                <DeliveryRow key={d.id} d={d} busy={p.busy} act={p.act} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeliveryRow({ d, busy, act }: { d: Delivery; busy: boolean; act: Act }) {
  return (
    <tr data-status={d.status}>
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
            disabled={busy}
            onClick={() =>
              act('Pengiriman dijadwalkan ulang.', () => api('POST', `/api/webhooks/deliveries/${d.id}/retry`, {}))
            }
          >
            Kirim ulang
          </button>
        )}
      </td>
    </tr>
  );
}
