// "Akun saya": who is logged in, and the chats (Telegram, WhatsApp) where reminders and the daily digest go.
// Linking: the page makes a one-time code; the officer sends "TAUTKAN <code>" to the city's bot from their
// phone; the page sees the new link appear (it asks every few seconds while a code is live).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { errorText, Message, useBusy } from '../components.js';
import { formatDateTime } from '../format.js';
import { RemindersPanel } from '../reminders.js';
import { useUser } from '../session.js';
import { ROLE_LABELS } from '../texts.js';

interface LinkedChannel {
  id: string;
  channel: string;
  address: string;
  displayName: string | null;
  createdAt: string;
}
interface LinkCode {
  code: string;
  expiresAt: string;
  ttlMinutes: number;
  message: string;
  channels: string[];
}

const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', whatsapp: 'WhatsApp' };
const channelName = (c: string) => CHANNEL_NAMES[c] ?? c;

/**
 * The linked chats and the live link code. While a code is shown the list is asked for again every few seconds;
 * a new entry means the officer's message arrived, and the code is put away.
 */
function useLinkedChannels() {
  const [channels, setChannels] = useState<LinkedChannel[] | null>(null);
  const [enabled, setEnabled] = useState<string[]>([]);
  const [code, setCode] = useState<LinkCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const load = () =>
    api<{ items: LinkedChannel[]; channels: string[] }>('GET', '/api/me/channels').then(
      (r) => {
        setEnabled(r.channels);
        setChannels((before) => {
          // A new link while a code was shown: the officer's message arrived.
          if (before && r.items.length > before.length) {
            setCode(null);
            setOk('Akun obrolan berhasil ditautkan. Pengingat akan dikirim ke sana.');
          }
          return r.items;
        });
      },
      (e) => setError(errorText(e)),
    );
  useEffect(() => {
    load();
  }, []);
  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => {
      if (Date.now() > new Date(code.expiresAt).getTime()) setCode(null);
      else load();
    }, 3000);
    return () => clearInterval(timer);
  }, [code]);
  return { channels, enabled, code, setCode, error, ok, setOk, load };
}

/** The page. */
export function AccountPage() {
  const user = useUser();
  const { channels, enabled, code, setCode, error, ok, setOk, load } = useLinkedChannels();
  const { busy, run, error: actionError } = useBusy();
  const makeCode = () =>
    run(async () => {
      setOk(null);
      setCode(await api<LinkCode>('POST', '/api/me/link-code', {}));
    });
  const unlink = (c: LinkedChannel) =>
    run(async () => {
      await api('DELETE', `/api/me/channels/${c.id}`);
      await load();
      setOk(`Tautan ${channelName(c.channel)} sudah dilepas. Pengingat tidak lagi dikirim ke sana.`);
    });
  return (
    <main id="konten" class="page">
      <h1>Akun saya</h1>
      <p>
        {user.name} · {ROLE_LABELS[user.role]}
        {user.agencyCode ? ` ${user.agencyCode}` : ''}
      </p>
      <section class="card" aria-labelledby="judul-kanal">
        <h2 id="judul-kanal">Pengingat di Telegram atau WhatsApp</h2>
        <p class="muted">
          Tautkan akun obrolan Anda agar pengingat tenggat laporan (50%, 80% dan 100% waktu) dan ringkasan harian
          dikirim langsung ke ponsel Anda.
        </p>
        <Message error={error ?? actionError} ok={ok} />
        <LinkedList channels={channels} busy={busy} onUnlink={unlink} />
        {code ? <CodeBox code={code} /> : <CodeButton enabled={enabled} busy={busy} onClick={makeCode} />}
      </section>
      <RemindersPanel />
    </main>
  );
}

function LinkedList(p: { channels: LinkedChannel[] | null; busy: boolean; onUnlink: (c: LinkedChannel) => void }) {
  if (!p.channels) return <p class="muted">Memuat…</p>;
  if (p.channels.length === 0) return <p>Belum ada akun obrolan yang ditautkan.</p>;
  return (
    <ul class="plain" aria-label="Akun obrolan tertaut">
      {p.channels.map((c) => (
        <li key={c.id} class="row between">
          <span>
            <strong>{channelName(c.channel)}</strong>
            {c.displayName ? ` · ${c.displayName}` : ''}{' '}
            <span class="muted small">sejak {formatDateTime(c.createdAt)}</span>
          </span>
          <button type="button" disabled={p.busy} onClick={() => p.onUnlink(c)}>
            Lepas tautan {channelName(c.channel)}
          </button>
        </li>
      ))}
    </ul>
  );
}

function CodeButton(p: { enabled: string[]; busy: boolean; onClick: () => void }) {
  if (p.enabled.length === 0) {
    return <p class="notice">Telegram dan WhatsApp belum diaktifkan di server ini. Hubungi administrator.</p>;
  }
  return (
    <button type="button" class="primary" disabled={p.busy} onClick={p.onClick}>
      Buat kode tautan
    </button>
  );
}

function CodeBox({ code }: { code: LinkCode }) {
  const where = code.channels.map((c) => (c === 'telegram' ? 'bot Telegram' : 'nomor WhatsApp')).join(' atau ');
  return (
    <div class="link-code" role="status">
      <p>Dari ponsel Anda, kirim pesan berikut ke {where} layanan pengaduan Pemerintah Kota:</p>
      <p class="code">{code.message}</p>
      <p class="muted small">
        Kode berlaku {code.ttlMinutes} menit (sampai {formatDateTime(code.expiresAt)}) dan hanya dapat dipakai sekali.
        Halaman ini akan memperbarui sendiri setelah pesan Anda diterima.
      </p>
    </div>
  );
}
