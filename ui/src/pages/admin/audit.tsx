// Log audit: every action by every user, newest first.
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { errorText, Message } from '../../components.js';
import { formatDateTime } from '../../format.js';

interface Entry {
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  ip: string | null;
  createdAt: string;
}

const SIZE = 100;

/** What each audited action was, in words (the code stays in the cell's title for searching the logs). */
const ACTIONS: Record<string, string> = {
  login: 'Masuk',
  accept: 'Terima saran OPD',
  transition: 'Ubah status',
  bulk: 'Tindakan massal',
  correct: 'Koreksi kategori/lokasi',
  merge: 'Gabungkan laporan',
  split: 'Pisahkan pesan',
  reply: 'Balas pelapor',
  note: 'Tulis catatan',
  return: 'Kembalikan (salah alamat)',
  evidence: 'Unggah foto bukti',
  outbox_retry: 'Kirim ulang pesan',
  message_retry: 'Proses ulang pesan masuk',
  reporter_block: 'Blokir/buka blokir pelapor',
  'chatter.promote': 'Jadikan obrolan laporan',
  agency_create: 'Tambah instansi',
  agency_update: 'Ubah instansi',
  user_create: 'Tambah pengguna',
  user_update: 'Ubah pengguna',
  user_reset_password: 'Atur ulang kata sandi',
};

/** The audit log page. */
export function AuditPage() {
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; items: Entry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ total: number; items: Entry[] }>('GET', `/api/audit${query({ limit: SIZE, offset })}`).then(setData, (e) =>
      setError(errorText(e)),
    );
  }, [offset]);
  return (
    <main id="konten" class="page wide">
      <h1>Log audit</h1>
      <Message error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">Waktu</th>
            <th scope="col">Pengguna</th>
            <th scope="col">Tindakan</th>
            <th scope="col">Sasaran</th>
            <th scope="col">Rincian</th>
            <th scope="col">IP</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e, i) => (
            <tr key={`${e.createdAt}-${i}`}>
              <td class="small">{formatDateTime(e.createdAt)}</td>
              <td>{e.actor}</td>
              <td title={e.action} data-action={e.action}>
                {ACTIONS[e.action] ?? e.action}
              </td>
              <td>{[e.targetType, e.targetId].filter(Boolean).join(' ')}</td>
              <td class="small">
                {typeof e.detail === 'string' ? e.detail : e.detail ? JSON.stringify(e.detail) : ''}
              </td>
              <td class="small">{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && (
        <nav class="row pager" aria-label="Halaman">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - SIZE))}>
            Sebelumnya
          </button>
          <span>
            {data.total === 0 ? 0 : offset + 1}–{Math.min(offset + SIZE, data.total)} dari {data.total}
          </span>
          <button type="button" disabled={offset + SIZE >= data.total} onClick={() => setOffset(offset + SIZE)}>
            Berikutnya
          </button>
        </nav>
      )}
    </main>
  );
}
