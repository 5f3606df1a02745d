// Server-rendered public pages in Indonesian: the /lapor form and the tracking page. No client framework and
// no script at all: they work on any phone browser and under a strict Content-Security-Policy.
import { randomBytes } from 'node:crypto';
import { STATUS_LABELS } from '../domain/texts.js';
import { escapeMarkup as esc } from './escape.js';
import type { PublicTracking } from './public/views.js';

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;margin-top:1rem;font-weight:600}textarea,input,select{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px}
.hint{color:#555;font-size:.9rem}.tl{list-style:none;padding:0}.tl li{border-left:3px solid #0b5394;padding:.3rem .8rem;margin:.5rem 0}
.err{background:#fde8e8;padding:.8rem;border-radius:4px}.ok{background:#e6f4ea;padding:.8rem;border-radius:4px}
.link{word-break:break-all;background:#fff8e1;padding:.8rem;border-radius:4px}.me{border-left-color:#888}
fieldset{border:1px solid #ccc;border-radius:4px;margin-top:1.5rem}`;

/** The page frame shared by every public page. */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const PRIVACY_OPTIONS = [
  ['named', 'Biasa: identitas saya boleh diketahui petugas'],
  ['anonim', 'Anonim: identitas saya dirahasiakan dari perangkat daerah dan publik'],
  ['rahasia', 'Rahasia: seluruh laporan tidak ditampilkan ke publik'],
] as const;

/** A fresh random key for a rendered form (16 bytes: 22 base64url characters, 128 bits). */
export function newFormKey(): string {
  return randomBytes(16).toString('base64url');
}

/** The public complaint form; a fresh submissionId makes a double submit file one complaint. */
export function reportForm(
  cityName: string,
  error?: string,
  values: { text?: string; name?: string; contact?: string; privacy?: string } = {},
) {
  const submissionId = newFormKey();
  const options = PRIVACY_OPTIONS.map(
    ([value, label]) => `<option value="${value}"${values.privacy === value ? ' selected' : ''}>${label}</option>`,
  ).join('\n');
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
<p class="hint">Kontak hanya dilihat petugas bila perlu menghubungi Anda. Kami tidak mengirim pembaruan ke nomor atau email ini: semua balasan ada di tautan pribadi yang Anda terima setelah mengirim laporan.</p>
<label for="privacy">Kerahasiaan</label>
<select id="privacy" name="privacy">${options}</select>
<button type="submit">Kirim laporan</button></form>
<p class="hint">Sudah punya nomor pelacakan? <a href="/lacak">Cek status laporan</a>.</p>`,
  );
}

/** The public tracking page: status, dates and the agency (none for rahasia); no text, notes or names. */
export function trackingPage(t: PublicTracking, timeZone: string) {
  const fmt = dateFormat(timeZone);
  const events = t.events
    .map((e) => `<li><strong>${esc(STATUS_LABELS[e.status])}</strong> — ${fmt.format(e.at)}</li>`)
    .join('');
  return layout(
    `Laporan ${t.trackingId}`,
    `<h1>Laporan <span id="tracking-id">${esc(t.trackingId)}</span></h1>
<p>Status: <strong id="status">${esc(STATUS_LABELS[t.status])}</strong></p>
<p>Diterima: ${fmt.format(t.createdAt)}. Pembaruan terakhir: ${fmt.format(t.updatedAt)}.</p>
${t.agencyName ? `<p>Ditangani oleh: ${esc(t.agencyName)}</p>` : ''}
<h2>Riwayat</h2><ul class="tl">${events}</ul>
<p class="hint">Halaman ini hanya menampilkan status. Pelapor melihat isi laporan dan balasan petugas melalui tautan pribadinya.</p>
<p><a href="/lapor">Buat laporan baru</a></p>`,
  );
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** A cached date formatter for the city's time zone (constructing one costs about 115 µs). */
export function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone });
    formats.set(timeZone, f);
  }
  return f;
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
