// Server-rendered public pages in Indonesian: the /lapor form and the tracking page. No client framework:
// they must work on any phone browser, without JavaScript.
import { randomBytes } from 'node:crypto';
import type { Status } from '../domain/process.js';
import { STATUS_LABELS } from '../domain/texts.js';

/** Escapes text for HTML element and attribute content. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}textarea,input,select{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px}
.hint{color:#555;font-size:.9rem}.tl{list-style:none;padding:0}.tl li{border-left:3px solid #0b5394;padding:.3rem .8rem;margin:.5rem 0}
.err{background:#fde8e8;padding:.8rem;border-radius:4px}.ok{background:#e6f4ea;padding:.8rem;border-radius:4px}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The public complaint form; a fresh submissionId makes a double submit file one complaint. */
export function reportForm(
  cityName: string,
  error?: string,
  values: { text?: string; name?: string; contact?: string } = {},
) {
  const submissionId = randomBytes(12).toString('base64url');
  return layout(
    `Lapor - Pemerintah ${cityName}`,
    `<h1>Sampaikan Pengaduan</h1>
<p>Layanan pengaduan Pemerintah ${esc(cityName)}. Tuliskan masalahnya, lokasinya (jalan, RT/RW, kelurahan), dan sejak kapan.</p>
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/lapor">
<input type="hidden" name="submissionId" value="${submissionId}">
<label for="text">Isi laporan</label><textarea id="text" name="text" rows="6" required maxlength="20000">${esc(values.text ?? '')}</textarea>
<label for="name">Nama (opsional)</label><input id="name" name="name" maxlength="100" value="${esc(values.name ?? '')}">
<label for="contact">Nomor HP atau email (opsional)</label><input id="contact" name="contact" maxlength="100" value="${esc(values.contact ?? '')}">
<label for="privacy">Kerahasiaan</label>
<select id="privacy" name="privacy"><option value="named">Biasa: identitas saya boleh diketahui petugas</option>
<option value="anonim">Anonim: identitas saya dirahasiakan dari perangkat daerah dan publik</option>
<option value="rahasia">Rahasia: seluruh laporan tidak ditampilkan ke publik</option></select>
<button type="submit">Kirim laporan</button></form>
<p class="hint">Sudah punya nomor pelacakan? <a href="/lacak">Cek status laporan</a>.</p>`,
  );
}

export interface PublicTimeline {
  trackingId: string;
  status: Status;
  text: string | null;
  agencyName: string | null;
  createdAt: Date;
  events: { at: Date; status: Status; note: string | null }[];
}

/** The tracking page. Confidential (rahasia) reports show status only, never their text. */
export function trackingPage(t: PublicTimeline, timeZone: string, justFiled = false) {
  const fmt = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone });
  const events = t.events
    .map(
      (e) =>
        `<li><strong>${esc(STATUS_LABELS[e.status])}</strong> — ${fmt.format(e.at)}${e.note ? `<br>${esc(e.note)}` : ''}</li>`,
    )
    .join('');
  return layout(
    `Laporan ${t.trackingId}`,
    `${justFiled ? `<p class="ok" role="status">Terima kasih, laporan Anda sudah kami terima. Simpan nomor pelacakan <strong>${esc(t.trackingId)}</strong> untuk menanyakan perkembangannya.</p>` : ''}
<h1>Laporan <span id="tracking-id">${esc(t.trackingId)}</span></h1>
<p>Status: <strong id="status">${esc(STATUS_LABELS[t.status])}</strong></p>
${t.agencyName ? `<p>Ditangani oleh: ${esc(t.agencyName)}</p>` : ''}
${t.text ? `<blockquote>${esc(t.text)}</blockquote>` : ''}
<h2>Riwayat</h2><ul class="tl">${events}</ul><p><a href="/lapor">Buat laporan baru</a></p>`,
  );
}

/** The "enter your tracking ID" page. */
export function lookupPage(message?: string) {
  return layout(
    'Cek status laporan',
    `<h1>Cek Status Laporan</h1>${message ? `<p class="err" role="alert">${esc(message)}</p>` : ''}
<form method="get" action="/lacak"><label for="id">Nomor pelacakan</label><input id="id" name="id" placeholder="CLG-261128-7KQ2" required>
<button type="submit">Cek</button></form>`,
  );
}

/** A polite error page. */
export function errorPage(status: number, message: string) {
  return layout(
    'Terjadi kesalahan',
    `<h1>Mohon maaf</h1><p>${esc(message)}</p><p class="hint">Kode: ${status}</p><p><a href="/lapor">Kembali</a></p>`,
  );
}
