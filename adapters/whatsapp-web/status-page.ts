// The admin-only WhatsApp connection page (mounted by the app at GET /admin/whatsapp): state in words, the QR
// to scan, and the alert after a logout. Plain HTML that refreshes itself, so it needs no JavaScript.
import { escapeMarkup as esc } from '../../src/http/escape.js';
import type { WaConnectionState, WaConnectionStatus } from './supervisor.js';

/** How the page is rendered. */
export interface StatusPageOptions {
  /** Times are shown in the city's zone. Default Asia/Jakarta. */
  timeZone?: string;
  /** Where the "start again" button posts (e.g. /admin/whatsapp/restart); no button when absent. */
  restartPath?: string;
}

const STATE_WORDS: Record<WaConnectionState, string> = {
  stopped: 'Tidak aktif',
  starting: 'Sedang menyalakan WhatsApp Web…',
  qr: 'Menunggu pemindaian kode QR',
  authenticated: 'Kode QR diterima, sedang memuat percakapan…',
  ready: 'Terhubung: laporan WhatsApp diterima dan dibalas',
  reconnecting: 'Koneksi terputus, akan menyambung ulang otomatis',
  logged_out: 'Keluar dari WhatsApp: perlu pindai ulang kode QR',
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
.state{font-size:1.2rem;font-weight:600}.ok{background:#e6f4ea;padding:.8rem;border-radius:4px}
.warn{background:#fff4e5;padding:.8rem;border-radius:4px}.err{background:#fde8e8;padding:.8rem;border-radius:4px}
.hint{color:#555;font-size:.9rem}img{display:block;margin:1rem 0;image-rendering:pixelated}
button{padding:.6rem 1.2rem;font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px}`;

/** Renders the status page; refreshes every 5 s so a new QR (WA rotates it about every 20 s) shows up. */
export function renderWhatsAppStatusHtml(status: WaConnectionStatus, options: StatusPageOptions = {}): string {
  const tz = options.timeZone ?? 'Asia/Jakarta';
  const when = (d: Date) => d.toLocaleString('id-ID', { timeZone: tz, dateStyle: 'medium', timeStyle: 'medium' });
  const box = status.state === 'ready' ? 'ok' : status.state === 'logged_out' ? 'err' : 'warn';
  const parts = [
    '<h1>WhatsApp Web</h1>',
    `<p class="${box}"><span class="state">${esc(STATE_WORDS[status.state])}</span><br>` +
      `<span class="hint">sejak ${esc(when(status.since))}</span></p>`,
  ];
  if (status.alert) parts.push(`<p class="err" role="alert">${esc(status.alert)}</p>`);
  if (status.qr) {
    parts.push(
      '<ol><li>Buka WhatsApp di ponsel nomor layanan pengaduan.</li>' +
        '<li>Ketuk <b>⋮</b> atau <b>Setelan</b> → <b>Perangkat tertaut</b> → <b>Tautkan perangkat</b>.</li>' +
        '<li>Arahkan kamera ke kode di bawah ini.</li></ol>',
      status.qrDataUrl
        ? `<img src="${esc(status.qrDataUrl)}" width="264" height="264" alt="Kode QR WhatsApp Web">`
        : '<p class="hint">Kode QR sedang dibuat…</p>',
      '<p class="hint">Kode QR berganti sekitar tiap 20 detik; halaman ini memuat ulang sendiri. ' +
        'Jangan bagikan kode ini: siapa pun yang memindainya menautkan nomornya ke server ini.</p>',
    );
  }
  if (status.state === 'reconnecting' && status.nextReconnectAt) {
    parts.push(`<p>Percobaan berikutnya: ${esc(when(status.nextReconnectAt))}</p>`);
  }
  if (status.lastError && status.state !== 'ready') {
    parts.push(`<p class="hint">Kesalahan terakhir: ${esc(status.lastError)}</p>`);
  }
  const canRestart = ['logged_out', 'reconnecting', 'qr'].includes(status.state);
  if (options.restartPath && canRestart) {
    parts.push(
      `<form method="post" action="${esc(options.restartPath)}"><button type="submit">Mulai ulang koneksi</button></form>`,
    );
  }
  parts.push(
    '<p class="hint">WhatsApp Web adalah klien tidak resmi: WhatsApp dapat memblokir nomor ini. ' +
      'Untuk layanan produksi gunakan WhatsApp Business Cloud API.</p>',
  );
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="5"><meta name="robots" content="noindex"><title>Status WhatsApp</title>
<style>${STYLE}</style></head><body>${parts.join('\n')}</body></html>`;
}
