// Webhook: other city systems subscribed to complaint events. The secret is shown once, right after the
// subscriber is added; failed deliveries are listed with the reason and can be sent again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import { Head } from '../../fields.js';
import { AddSubscriber, DeliveryTable } from './webhook-forms.js';

interface Subscriber {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  pending: number;
  failed: number;
}
type Delivery = Parameters<typeof DeliveryTable>[0]['deliveries'][number];

const EVENT_LABELS: Record<string, string> = {
  'complaint.created': 'Laporan baru',
  'complaint.status_changed': 'Perubahan status',
  'complaint.rated': 'Penilaian pelapor',
};

/** The webhooks page. */
export function WebhooksPage() {
  const [subs, setSubs] = useState<Subscriber[]>([]);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [filter, setFilter] = useState('failed');
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const load = useCallback(
    () =>
      run(async () => {
        setSubs((await api<{ items: Subscriber[] }>('GET', '/api/webhooks/subscribers')).items);
        const q = query({ status: filter, limit: 100 });
        setDeliveries((await api<{ items: Delivery[] }>('GET', `/api/webhooks/deliveries${q}`)).items);
      }),
    [run, filter],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const act = (message: string, fn: () => Promise<unknown>) =>
    run(async () => {
      await fn();
      await load();
      setOk(message);
    });
  return (
    <main id="konten" class="page wide">
      <h1>Webhook untuk sistem lain</h1>
      <p class="muted">
        Sistem kota lain menerima peristiwa laporan (baru, perubahan status, penilaian) yang ditandatangani HMAC-SHA256.
        Cara memverifikasi tanda tangan ada di README.
      </p>
      <Message error={error} ok={ok} />
      {secret && (
        <div class="notice secret" role="alert">
          <p>
            <strong>Rahasia untuk {secret.name}</strong> — salin dan simpan sekarang. Rahasia ini tidak akan ditampilkan
            lagi.
          </p>
          <code>{secret.value}</code>{' '}
          <button type="button" onClick={() => setSecret(null)}>
            Sudah saya simpan
          </button>
        </div>
      )}
      <SubscriberTable subs={subs} busy={busy} act={act} />
      <AddSubscriber
        busy={busy}
        run={run}
        onAdded={(name, value) => {
          setSecret({ name, value });
          void load().then(() => setOk(`${name} ditambahkan.`));
        }}
      />
      <DeliveryTable deliveries={deliveries} filter={filter} setFilter={setFilter} busy={busy} act={act} />
    </main>
  );
}

type Act = (message: string, fn: () => Promise<unknown>) => Promise<unknown>;

function SubscriberTable({ subs, busy, act }: { subs: Subscriber[]; busy: boolean; act: Act }) {
  if (subs.length === 0) return <p class="muted">Belum ada pelanggan webhook.</p>;
  return (
    <div class="table-scroll">
      <table aria-label="Pelanggan webhook">
        <Head cols={['Nama', 'Alamat', 'Peristiwa', 'Antrean / gagal', 'Tindakan']} />
        <tbody>
          {subs.map((s) => (
            <tr key={s.id} class={s.active ? '' : 'disabled'}>
              <td>{s.name}</td>
              <td class="small break">{s.url}</td>
              <td class="small">{s.events.map((e) => EVENT_LABELS[e] ?? e).join(', ')}</td>
              <td>
                {s.pending} / {s.failed}
              </td>
              <td class="row">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    act(`${s.name} ${s.active ? 'dinonaktifkan' : 'diaktifkan'}.`, () =>
                      api('PATCH', `/api/webhooks/subscribers/${s.id}`, { active: !s.active }),
                    )
                  }
                >
                  {s.active ? 'Nonaktifkan' : 'Aktifkan'}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    if (confirm(`Hapus ${s.name} beserta riwayat pengirimannya?`))
                      void act(`${s.name} dihapus.`, () => api('DELETE', `/api/webhooks/subscribers/${s.id}`));
                  }}
                >
                  Hapus
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
