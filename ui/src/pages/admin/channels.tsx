// Kanal: connection state of every channel, the WhatsApp Web QR when it needs scanning, the outbox backlog,
// and the messages that could not be processed, each with a retry.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Message, useBusy } from '../../components.js';
import { formatDateTime } from '../../format.js';
import { CHANNEL_LABELS } from '../../texts.js';

interface Health {
  channels: { name: string; state: string; detail: string | null }[];
  whatsappQr: string | null;
  outbox: { pending: number; failed: number };
  deadMessages: number;
}
interface Dead {
  id: string;
  channel: string;
  text: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
}

const STATE: Record<string, string> = {
  connected: 'Terhubung',
  disconnected: 'Terputus',
  off: 'Tidak aktif',
  needs_qr: 'Perlu pindai kode QR',
};

/** WhatsApp Web reports its raw connection state as the detail; said in words here. */
const DETAIL: Record<string, string> = {
  qr: 'Menunggu kode QR dipindai dari ponsel.',
  logged_out: 'Perangkat keluar dari WhatsApp; pindai kode QR baru.',
  starting: 'Sedang menyambung…',
  reconnecting: 'Sedang menyambung ulang…',
  stopped: 'Berhenti.',
  ready: 'Siap menerima dan mengirim pesan.',
  authenticated: 'Masuk, sedang menyiapkan…',
};

/** Channel health and dead messages. */
export function ChannelsPage() {
  const [h, setH] = useState<Health | null>(null);
  const [dead, setDead] = useState<Dead[]>([]);
  const [ok, setOk] = useState<string | null>(null);
  const { busy, error, run } = useBusy();
  const load = useCallback(
    () =>
      run(async () => {
        const [health, d] = await Promise.all([
          api<Health>('GET', '/api/health/channels'),
          api<{ items: Dead[] }>('GET', '/api/messages/dead'),
        ]);
        setH(health);
        setDead(d.items);
      }),
    [run],
  );
  useEffect(() => {
    void load();
    const t = setInterval(load, 5000);
    return () => clearInterval(t);
  }, [load]);
  return (
    <main id="konten" class="page wide">
      <h1>Kesehatan kanal</h1>
      <Message error={error} ok={ok} />
      {h && <Tiles h={h} />}
      {h?.whatsappQr && (
        <section class="card">
          <h2>Hubungkan WhatsApp</h2>
          <p>Di ponsel: WhatsApp → Setelan → Perangkat tertaut → Tautkan perangkat, lalu pindai kode ini.</p>
          <img class="qr" src={h.whatsappQr} alt="Kode QR WhatsApp Web" />
        </section>
      )}
      <DeadMessages
        dead={dead}
        busy={busy}
        onRetry={(m) =>
          run(async () => {
            await api('POST', `/api/messages/${m.id}/retry`, {});
            await load();
            setOk('Pesan dijadwalkan untuk diproses ulang.');
          })
        }
      />
    </main>
  );
}

/** One tile per channel, and the outbox backlog. */
function Tiles({ h }: { h: Health }) {
  return (
    <div class="tiles">
      {h.channels.map((c) => (
        <div key={c.name} class={`card tile ch-${c.state}`}>
          <h2>{CHANNEL_LABELS[c.name] ?? c.name}</h2>
          <p class="big">{STATE[c.state] ?? c.state}</p>
          {c.detail && <p class="muted small">{DETAIL[c.detail] ?? c.detail}</p>}
        </div>
      ))}
      <div class="card tile">
        <h2>Antrean kirim</h2>
        <p class="big">{h.outbox.pending}</p>
        <p class="muted small">{h.outbox.failed} gagal terkirim</p>
      </div>
    </div>
  );
}

function DeadMessages({ dead, busy, onRetry }: { dead: Dead[]; busy: boolean; onRetry: (m: Dead) => void }) {
  return (
    <section class="card">
      <h2>Pesan yang gagal diproses ({dead.length})</h2>
      {dead.length === 0 && <p class="muted">Tidak ada. Semua pesan masuk sudah diproses.</p>}
      <ul class="plain">
        {dead.map((m) => (
          <li key={m.id}>
            <span class="muted small">
              {CHANNEL_LABELS[m.channel] ?? m.channel} · {formatDateTime(m.createdAt)} · {m.attempts} kali dicoba
            </span>
            <p>{m.text ?? '(tanpa teks)'}</p>
            {m.error && <p class="error small">{m.error}</p>}
            <button type="button" disabled={busy} onClick={() => onRetry(m)}>
              Proses ulang
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
