// What officers and reviewers read in reminders and digests, and what a reporter reads before the automatic
// closing. Plain, polite Indonesian; dates in the city's time zone.
import { maskPersonalData } from '../domain/privacy.js';
import { truncateText } from '../domain/text-hygiene.js';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "Rabu, 2 Desember 2026 16.00 WIB" in the city's time zone (formatter cached: constructing one is slow). */
export function localDateTime(at: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    dateFormats.set(timeZone, f);
  }
  return f.format(at).replace(' pukul ', ' ');
}

/** A short, masked excerpt of the complaint: a chat is a less guarded place than the desk. */
export function excerpt(text: string): string {
  return truncateText(maskPersonalData(text.replace(/\s+/g, ' ').trim()), 100);
}

export interface ReminderFacts {
  trackingId: string;
  text: string;
  threshold: number;
  dueAt: Date;
  timeZone: string;
  agencyName: string | null;
  /** SLA_VERIFY_WORKING_DAYS, named in the verification reminder. */
  verifyDays: number;
}

const progress = (t: number) => (t >= 100 ? 'sudah habis' : `sudah berjalan ${t}%`);

/** Reminder of the verification clock, for the communications office's reviewers. */
export function verifyReminder(f: ReminderFacts): string {
  return (
    `Pengingat verifikasi laporan ${f.trackingId}: waktu verifikasi ${f.verifyDays} hari kerja ${progress(f.threshold)} ` +
    `(batas ${localDateTime(f.dueAt, f.timeZone)}). Isi singkat: "${excerpt(f.text)}". ` +
    'Mohon segera diverifikasi dan diteruskan ke perangkat daerah yang berwenang.'
  );
}

/** Reminder of the follow-up clock, for the agency's officers. */
export function followUpReminder(f: ReminderFacts): string {
  const late = f.threshold >= 100 ? ' Setelah batas ini, Ombudsman RI dapat turun tangan.' : '';
  return (
    `Pengingat tindak lanjut laporan ${f.trackingId} untuk ${f.agencyName ?? 'perangkat daerah Anda'}: ` +
    `waktu tindak lanjut ${progress(f.threshold)} (batas ${localDateTime(f.dueAt, f.timeZone)}). ` +
    `Isi singkat: "${excerpt(f.text)}". Mohon segera ditindaklanjuti dan dikabarkan kepada pelapor.${late}`
  );
}

/** The follow-up clock ran out: the agency head is told, as the officers' supervisor. */
export function headReminder(f: ReminderFacts): string {
  return (
    `Yth. Kepala ${f.agencyName ?? 'perangkat daerah'}, batas tindak lanjut laporan ${f.trackingId} ` +
    `telah terlampaui (batas ${localDateTime(f.dueAt, f.timeZone)}) dan belum ada tindak lanjut. ` +
    `Isi singkat: "${excerpt(f.text)}". Tanpa tindak lanjut, Ombudsman RI dapat turun tangan. ` +
    'Mohon arahan Bapak/Ibu agar laporan ini segera ditindaklanjuti.'
  );
}

/** What an agency's officer reads each morning. */
export interface AgencyDigest {
  agencyName: string;
  open: number;
  dueSoon: string[];
  overdue: string[];
}

/** What a reviewer of the communications office reads each morning. */
export interface DeskDigest {
  verifyDays: number;
  unverified: number;
  pastVerification: string[];
}

/** "2 laporan (CLG-…, CLG-…)", naming at most the IDs given and counting the rest. */
const list = (ids: string[], total: number) => {
  if (total === 0) return 'tidak ada';
  const more = total > ids.length ? `, dan ${total - ids.length} lainnya` : '';
  return `${total} laporan (${ids.join(', ')}${more})`;
};

/** The daily digest for an agency's officer (counts, then the tracking IDs that need action first). */
export function agencyDigestText(d: AgencyDigest & { dueSoonTotal: number; overdueTotal: number }, date: string) {
  return [
    `Ringkasan harian ${d.agencyName}, ${date}.`,
    `Laporan terbuka: ${d.open} laporan.`,
    `Tenggat tindak lanjut dalam 2 hari: ${list(d.dueSoon, d.dueSoonTotal)}.`,
    `Melewati tenggat (berisiko ditangani Ombudsman RI): ${list(d.overdue, d.overdueTotal)}.`,
    'Terima kasih atas tindak lanjut Bapak/Ibu.',
  ].join('\n');
}

/** The daily digest for a reviewer. */
export function deskDigestText(d: DeskDigest & { pastTotal: number }, date: string) {
  return [
    `Ringkasan harian verifikasi, ${date}.`,
    `Laporan belum diverifikasi: ${d.unverified} laporan.`,
    `Melewati batas verifikasi ${d.verifyDays} hari kerja: ${list(d.pastVerification, d.pastTotal)}.`,
    'Terima kasih atas kerja Bapak/Ibu.',
  ].join('\n');
}

/** Told to the reporter some working days before a complaint waiting for their answer is closed. */
export function autoCloseWarning(trackingId: string, closesOn: string) {
  return (
    `Laporan ${trackingId} sudah ditindaklanjuti oleh petugas, dan kami belum menerima tanggapan Anda. ` +
    `Jika sampai ${closesOn} tidak ada tanggapan, laporan ini akan kami tutup dan dinyatakan selesai. ` +
    'Jika masalahnya belum tuntas atau ada yang ingin Anda sampaikan, silakan balas pesan ini.'
  );
}

/** The public note of the automatic closing (sent with the "selesai" update). */
export function autoCloseNote(workingDays: number) {
  return (
    `Laporan ini ditutup otomatis karena tidak ada tanggapan dari Anda dalam ${workingDays} hari kerja ` +
    'setelah tindak lanjut, sesuai ketentuan SP4N-LAPOR.'
  );
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Senin, 30 November 2026" in the city's time zone. */
export function localDate(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('id-ID', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    dayFormats.set(timeZone, f);
  }
  return f.format(at);
}

/** Sent instead of the reminders past the per-run limit (a backlog must not flood an officer's phone). */
export function moreReminders(count: number) {
  return (
    `Masih ada ${count} pengingat tenggat lain untuk Anda. Daftar lengkapnya dapat dilihat pada panel ` +
    '"Pengingat" di Kanal Aduan (Meja OPD, Dasbor, atau Akun saya). Terima kasih atas perhatian Bapak/Ibu.'
  );
}
