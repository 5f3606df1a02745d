// Everything a reporter reads, in polite Indonesian. One place, so tone stays consistent across channels.
import type { Action, Status } from './process.js';

/** Indonesian names of statuses as reporters and officers see them. */
export const STATUS_LABELS: Record<Status, string> = {
  received: 'Diterima, menunggu verifikasi',
  verified: 'Terverifikasi',
  forwarded: 'Diteruskan ke perangkat daerah',
  in_progress: 'Sedang ditindaklanjuti',
  resolved: 'Selesai',
  rejected: 'Ditolak',
  referred: 'Bukan wewenang Pemerintah Kota',
  on_hold: 'Ditunda',
  archived: 'Diarsipkan',
};

/** The two clocks a reporter is promised (SLA_VERIFY_WORKING_DAYS, SLA_FOLLOW_UP_DAYS), as configured. */
export interface ReporterClocks {
  verifyWorkingDays: number;
  followUpDays: number;
}

export interface TextContext {
  cityName: string;
  /** The configured clocks: the texts promise what the SLA actually measures. */
  clocks: ReporterClocks;
  trackingId: string;
  /** For a referral: the outside authority and where the reporter can take the complaint. */
  referral?: { name: string; whereToReport: string | null } | null;
  /** For an acknowledgement: the reporter's earlier, closed complaint this one is not part of. */
  previousTrackingId?: string | null;
  agencyName?: string | null;
  /** The officer's public note; internal notes never reach this module. */
  publicNote?: string | null;
}

const statusHint = (id: string) => `Untuk menanyakan perkembangan, kirim: status ${id}`;

/** Acknowledgement of a new complaint, with its tracking ID. */
export function acknowledgement({ trackingId, cityName, previousTrackingId, clocks }: TextContext): string {
  return [
    ...(previousTrackingId
      ? [
          `Laporan Anda sebelumnya (${previousTrackingId}) sudah ditutup, sehingga pesan ini kami catat sebagai laporan baru.`,
        ]
      : []),
    `Terima kasih, laporan Anda sudah kami terima dengan nomor pelacakan ${trackingId}.`,
    `Petugas Pemerintah ${cityName} akan memverifikasinya paling lambat ${clocks.verifyWorkingDays} hari kerja.`,
    statusHint(trackingId),
  ].join('\n');
}

/** Sent first when the classifier sees an emergency: the reporter must not wait for a bot. */
export function emergencyAdvice(): string {
  return 'Jika ini keadaan darurat (kebakaran, kejahatan yang sedang terjadi, atau kondisi medis gawat), segera hubungi 112 sekarang. Panggilan 112 gratis dan aktif 24 jam.';
}

/** Told to the reporter when an admin decides the message is not a public-service complaint. */
export function notComplaintNotice(ctx: TextContext): string {
  const note = ctx.publicNote?.trim() ? `\nCatatan petugas: ${ctx.publicNote.trim()}` : '';
  return `Terima kasih atas pesan Anda (${ctx.trackingId}). Pesan ini kami catat, tetapi tidak termasuk pengaduan layanan publik sehingga tidak kami teruskan ke perangkat daerah.${note}\nJika ada masalah layanan publik yang ingin Anda laporkan kepada Pemerintah ${ctx.cityName}, silakan tuliskan masalahnya beserta lokasinya.`;
}

/** The reporter's notification for a status change; null when the change is internal (archive). */
export function statusNotification(to: Status, ctx: TextContext): string | null {
  const { trackingId: id, agencyName, publicNote } = ctx;
  const noteLine = publicNote?.trim() ? `\nCatatan petugas: ${publicNote.trim()}` : '';
  switch (to) {
    case 'verified':
      return `Laporan ${id} telah diverifikasi dan akan segera diteruskan ke perangkat daerah yang berwenang.${noteLine}`;
    case 'forwarded':
      return `Laporan ${id} telah diteruskan ke ${agencyName ?? 'perangkat daerah terkait'} untuk ditindaklanjuti paling lambat ${ctx.clocks.followUpDays} hari.${noteLine}\n${statusHint(id)}`;
    case 'in_progress':
      return `Ada perkembangan untuk laporan ${id}: ${agencyName ?? 'perangkat daerah'} sedang menindaklanjutinya.${noteLine}`;
    case 'resolved':
      return `Laporan ${id} telah dinyatakan selesai oleh ${agencyName ?? 'petugas'}.${noteLine}\nJika masalahnya belum tuntas, silakan balas pesan ini dan laporan akan kami buka kembali. Terima kasih atas partisipasi Anda.`;
    case 'rejected':
      return `Mohon maaf, laporan ${id} tidak dapat kami proses lebih lanjut.${noteLine}\nAnda dapat mengirim laporan baru dengan keterangan yang lebih lengkap.`;
    case 'referred': {
      const r = ctx.referral;
      const where = r
        ? ` Urusan ini merupakan kewenangan ${r.name}.${r.whereToReport ? ` Silakan sampaikan melalui ${r.whereToReport}.` : ''}`
        : '';
      return `Laporan ${id} bukan kewenangan Pemerintah ${ctx.cityName}.${where}${noteLine}\nMohon maaf atas ketidaknyamanannya, dan terima kasih telah melapor.`;
    }
    case 'on_hold':
      return `Laporan ${id} untuk sementara kami tunda.${noteLine}\nKami akan mengabari Anda kembali.`;
    case 'received':
      return `Laporan ${id} kami buka kembali dan akan diverifikasi ulang oleh petugas.${noteLine}`;
    case 'archived':
      return null;
  }
}

/** Told to a reporter whose message reopened a resolved complaint. */
export function reopenedByReporter(id: string): string {
  return `Pesan Anda kami tambahkan ke laporan ${id}, dan laporan tersebut kami buka kembali untuk ditindaklanjuti.`;
}

/** Answer to "status <id>". */
export function statusReply(ctx: {
  trackingId: string;
  status: Status;
  agencyName?: string | null;
  lastNote?: string | null;
  lastUpdate: Date;
  timeZone: string;
}): string {
  const when = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.timeZone,
  }).format(ctx.lastUpdate);
  const lines = [`Status laporan ${ctx.trackingId}: ${STATUS_LABELS[ctx.status]}.`];
  if (ctx.agencyName) lines.push(`Ditangani oleh: ${ctx.agencyName}.`);
  if (ctx.lastNote) lines.push(`Tindak lanjut terakhir: ${ctx.lastNote}`);
  lines.push(`Pembaruan terakhir: ${when}.`);
  return lines.join('\n');
}

export const TEXTS = {
  welcome: (cityName: string) =>
    [
      `Selamat datang di layanan pengaduan Pemerintah ${cityName}.`,
      'Silakan tuliskan laporan Anda: apa masalahnya, di mana lokasinya (nama jalan, RT/RW, kelurahan), dan sejak kapan. Anda juga dapat mengirim foto dan lokasi.',
      'Setiap laporan mendapat nomor pelacakan. Untuk menanyakan perkembangan, kirim: status <nomor pelacakan>.',
      'Pilihan kerahasiaan (kirim salah satu kata berikut kapan saja):',
      '• biasa: identitas Anda dapat dilihat petugas',
      '• anonim: identitas Anda dirahasiakan dari perangkat daerah dan publik',
      '• rahasia: seluruh isi laporan tidak ditampilkan ke publik',
      'Dalam keadaan darurat, segera hubungi 112.',
    ].join('\n'),
  privacySet: (p: 'named' | 'anonim' | 'rahasia') =>
    ({
      named: 'Baik, laporan Anda akan diproses dengan identitas yang dapat dilihat petugas.',
      anonim: 'Baik, identitas Anda akan dirahasiakan dari perangkat daerah dan publik.',
      rahasia: 'Baik, isi laporan Anda tidak akan ditampilkan ke publik.',
    })[p],
  phoneSaved:
    'Terima kasih, nomor telepon Anda sudah kami catat. Laporan Anda dari kanal lain akan tergabung dengan nomor ini.',
  unknownTrackingId: (id: string) =>
    `Mohon maaf, laporan dengan nomor ${id} tidak kami temukan. Mohon periksa kembali nomor pelacakan Anda.`,
  statusUsage:
    'Untuk menanyakan perkembangan laporan, kirim: status <nomor pelacakan>, misalnya status CLG-261128-7KQ2.',
  emptyMessage: 'Mohon maaf, pesan Anda kosong. Silakan tuliskan laporan Anda dalam bentuk teks.',
  unsupported:
    'Mohon maaf, saat ini kami baru dapat menerima pesan teks, foto, dan lokasi. Silakan tuliskan laporan Anda.',
  /** Said in a group only when the bot is addressed there: complaints are taken in private chats. */
  groupAskPrivate: (cityName: string) =>
    `Terima kasih telah menyapa layanan pengaduan Pemerintah ${cityName}. Agar data Anda terlindungi, mohon sampaikan pengaduan melalui pesan pribadi (japri) ke akun ini, bukan di grup.`,
  notAComplaint: (cityName: string) =>
    `Terima kasih atas pesan Anda. Jika ingin menyampaikan pengaduan kepada Pemerintah ${cityName}, silakan tuliskan masalahnya beserta lokasinya.`,
} as const;

/** Texts of the admin desk's messages to reporters (free-text replies, follow-ups, merges, splits). */
export const DESK_TEXTS = {
  /** A free-text reply from an admin: the reporter sees which complaint it is about. */
  reply: (trackingId: string, text: string) => `Balasan petugas untuk laporan ${trackingId}:\n${text}`,
  /** A public follow-up (tindak lanjut) written by the agency or the office. */
  followUp: (trackingId: string, agencyName: string | null, text: string) =>
    `Tindak lanjut laporan ${trackingId}${agencyName ? ` dari ${agencyName}` : ''}:\n${text}\n${statusHint(trackingId)}`,
  /** Told to the reporter of a duplicate merged into an existing case. */
  merged: (trackingId: string, caseId: string) =>
    `Laporan ${trackingId} membahas masalah yang sama dengan laporan ${caseId}, sehingga kami gabungkan. Anda tetap akan menerima kabar perkembangannya melalui nomor ${trackingId}.`,
  /** Told to the reporter when a message was split out of a complaint into a new one. */
  split: (oldId: string, newId: string) =>
    `Pesan Anda kami pisahkan dari laporan ${oldId} dan kami catat sebagai laporan baru dengan nomor pelacakan ${newId}.\n${statusHint(newId)}`,
} as const;

/** What an action does to a complaint, as a passive verb ("tidak dapat diverifikasi"). */
export const ACTION_PASSIVE: Record<Action, string> = {
  verify: 'diverifikasi',
  forward: 'diteruskan',
  start: 'ditindaklanjuti',
  resolve: 'diselesaikan',
  reject: 'ditolak',
  refer: 'dirujuk ke instansi lain',
  hold: 'ditunda',
  archive: 'diarsipkan',
  not_complaint: 'ditandai bukan aduan',
  reopen: 'dibuka kembali',
};

/** The officer-facing explanation of a refused transition (the domain's codes are stable, its texts are not). */
export function transitionRefusal(code: string, detail: string): string {
  const illegal = /cannot (\w+) a complaint that is (\w+)/.exec(detail);
  if (code === 'illegal_transition' && illegal) {
    const [, action, from] = illegal as unknown as [string, Action, Status];
    return `Laporan dengan status "${STATUS_LABELS[from] ?? from}" tidak dapat ${ACTION_PASSIVE[action] ?? action}.`;
  }
  if (code === 'agency_required') return 'Pilih perangkat daerah tujuan terlebih dahulu.';
  if (code === 'note_required')
    return 'Tuliskan alasan atau tujuan rujukan untuk pelapor (catatan publik) terlebih dahulu.';
  if (code === 'unknown_agency') {
    const agency = /([A-Z][A-Za-z0-9_]{1,40})/.exec(detail)?.[1] ?? '';
    return `Perangkat daerah atau instansi ${agency} tidak dikenal, tidak aktif, atau bukan tujuan yang sah untuk tindakan ini.`;
  }
  return 'Tindakan ini tidak dapat dilakukan pada laporan ini.';
}
