// Indonesian labels of the UI. Statuses and outside authorities come from their one home in src/.
import { CATALOGUE as LABELS } from '../../src/domain/catalogue.js';
import { STATUS_LABELS } from '../../src/domain/texts.js';

export { STATUS_LABELS };

/** Short status names for badges. */
export const STATUS_SHORT: Record<string, string> = {
  received: 'Diterima',
  verified: 'Terverifikasi',
  forwarded: 'Diteruskan',
  in_progress: 'Ditindaklanjuti',
  resolved: 'Selesai',
  rejected: 'Ditolak',
  referred: 'Bukan wewenang',
  on_hold: 'Ditunda',
  archived: 'Diarsipkan',
};

/** Channel names as people say them. */
export const CHANNEL_LABELS: Record<string, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  x: 'X (Twitter)',
  web: 'Formulir web',
  open311: 'Open311 (API)',
};

/** Longest reply each channel accepts (the API checks too and answers 400 with the limit). */
export const REPLY_LIMITS: Record<string, number> = { telegram: 4096, whatsapp: 4096, x: 280, web: 10_000 };

/** Button labels of the complaint actions. */
export const ACTION_LABELS: Record<string, string> = {
  receive: 'Laporan masuk',
  confirm: 'Dikonfirmasi',
  merge: 'Digabungkan',
  split: 'Dipisahkan',
  return: 'Dikembalikan (salah alamat)',
  accept: 'Terima saran',
  verify: 'Verifikasi',
  forward: 'Teruskan ke OPD',
  start: 'Mulai ditindaklanjuti',
  resolve: 'Tandai selesai',
  reject: 'Tolak',
  refer: 'Bukan wewenang (rujuk)',
  not_complaint: 'Bukan aduan',
  hold: 'Tunda',
  archive: 'Arsipkan',
  reopen: 'Buka kembali',
};

/** Delivery states of an outbound message. */
export const DELIVERY_LABELS: Record<string, string> = {
  queued: 'Dalam antrean',
  pending: 'Dalam antrean',
  sending: 'Sedang dikirim',
  sent: 'Terkirim',
  delivered: 'Diterima',
  read: 'Dibaca',
  failed: 'Gagal',
};

/** SLA clock states. */
export const CLOCK_LABELS: Record<string, string> = {
  running: 'berjalan',
  met: 'tepat waktu',
  missed: 'terlambat',
  overdue: 'lewat batas',
};

/** Role names. */
export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  reviewer: 'Peninjau (Diskominfo)',
  officer: 'Petugas OPD',
  viewer: 'Pemantau',
};

/** Outside authorities a complaint can be referred to ("bukan wewenang"). */
export const AUTHORITIES = LABELS.filter((l) => l.jurisdiction !== 'city' && l.jurisdiction !== 'not_complaint').map(
  (l) => ({ code: l.code, name: l.name }),
);

const LABEL_NAMES = new Map(LABELS.map((l) => [l.code, l.name]));

/** Indonesian name of an agency or authority code (falls back to the code). */
export function labelName(code: string | null | undefined): string {
  if (!code) return '—';
  return LABEL_NAMES.get(code) ?? code;
}
