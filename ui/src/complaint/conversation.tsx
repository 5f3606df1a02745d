// The whole conversation in order, inbound and outbound, with each reply's delivery state and a retry for
// failed ones; a reviewer can split a wrongly merged message out into its own complaint.
import { retryDelivery, split } from '../actions.js';
import { Message, useBusy } from '../components.js';
import { formatDateTime } from '../format.js';
import { CHANNEL_LABELS, DELIVERY_LABELS } from '../texts.js';
import type { Detail } from '../types.js';

/** What a message without text carried. */
const KIND_LABELS: Record<string, string> = {
  location: 'Membagikan lokasi',
  photo: 'Mengirim foto',
  document: 'Mengirim dokumen',
  contact: 'Membagikan kontak',
  unsupported: 'Pesan yang tidak didukung (stiker atau suara)',
};

interface Props {
  c: Detail;
  canSplit: boolean;
  onDone: (msg: string) => void;
}

/** Conversation card. */
export function Conversation({ c, canSplit, onDone }: Props) {
  const { busy, error, run } = useBusy();
  const items = c.conversation ?? [];
  const inbound = items.filter((m) => m.direction === 'inbound').length;
  return (
    <section class="card" aria-labelledby="judul-percakapan">
      <h2 id="judul-percakapan">Percakapan</h2>
      <Message error={error} />
      {items.length === 0 && <p class="muted">Belum ada pesan.</p>}
      <ol class="conversation">
        {items.map((m) => (
          <Item
            key={m.id}
            m={m}
            channel={c.channel}
            busy={busy}
            onRetry={() =>
              run(async () => {
                await retryDelivery(m.outboxId ?? '');
                onDone('Pesan dijadwalkan untuk dikirim ulang.');
              })
            }
            onSplit={
              canSplit && m.direction === 'inbound' && inbound > 1
                ? () =>
                    run(async () => {
                      const r = await split(c.trackingId, m.id);
                      onDone(`Pesan dipisahkan menjadi laporan baru ${r.trackingId}.`);
                    })
                : null
            }
          />
        ))}
      </ol>
    </section>
  );
}

type Msg = NonNullable<Detail['conversation']>[number];

interface ItemProps {
  m: Msg;
  /** The complaint's channel, for a message that does not name its own. */
  channel: string;
  busy: boolean;
  onRetry: () => void;
  /** Null where the message may not be split out. */
  onSplit: (() => void) | null;
}

function Item({ m, channel, busy, onRetry, onSplit }: ItemProps) {
  return (
    <li class={`msg ${m.direction}`} data-delivery={m.delivery}>
      <div class="meta small">
        {m.direction === 'inbound' ? 'Pelapor' : (m.author ?? 'Sistem')} ·{' '}
        {CHANNEL_LABELS[m.channel ?? ''] ?? m.channel ?? channel} · {formatDateTime(m.createdAt)}
        {m.delivery && <span class={`delivery d-${m.delivery}`}> · {DELIVERY_LABELS[m.delivery] ?? m.delivery}</span>}
      </div>
      <p>{m.text || <em class="muted">{KIND_LABELS[m.kind] ?? m.kind}</em>}</p>
      {m.attachments?.map((a) =>
        a.mimeType?.startsWith('image/') ? (
          <img key={a.id} src={a.url ?? `/api/attachments/${a.id}`} alt="Foto dalam pesan" loading="lazy" />
        ) : null,
      )}
      {m.delivery === 'failed' && (
        <p class="error small">
          Gagal terkirim{m.error ? `: ${m.error}` : ''}.{' '}
          {m.outboxId && (
            <button type="button" disabled={busy} onClick={onRetry}>
              Kirim ulang
            </button>
          )}
        </p>
      )}
      {onSplit && (
        <button type="button" class="link small" disabled={busy} onClick={onSplit}>
          Pisahkan jadi laporan baru
        </button>
      )}
    </li>
  );
}
