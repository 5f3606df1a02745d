// Export of complaints in the fields an SP4N-LAPOR! entry asks for, so the office stops retyping them.
// LAPOR! publishes no import file format; the fields follow its report form (judul, isi, tanggal and lokasi
// kejadian, instansi tujuan, klasifikasi, anonim, rahasia, lampiran) and its old stream API's attributes
// (tracking ID, anonim, rahasia). The mapping is documented in docs/sp4n-lapor-export.md.
// Privacy: an anonim or rahasia reporter's name and contact are never exported, and their text is masked.

import { maskPersonalData } from '../domain/privacy.js';
import type { STATUSES } from '../domain/process.js';
import { STATUS_LABELS } from '../domain/texts.js';
import { CSV_MAX_ROWS, csvCell } from './complaint-list.js';
import type { AppContext } from './context.js';

export interface ExportFilter {
  from?: Date;
  to?: Date;
  status?: (typeof STATUSES)[number];
  agency?: string;
}

/** The exported fields, in order (CSV header and JSON keys). */
export const SP4N_FIELDS = [
  'nomor_pelacakan',
  'tanggal_laporan',
  'klasifikasi',
  'judul_laporan',
  'isi_laporan',
  'tanggal_kejadian',
  'lokasi_kejadian',
  'lintang',
  'bujur',
  'kode_instansi_tujuan',
  'instansi_tujuan',
  'status',
  'anonim',
  'rahasia',
  'nama_pelapor',
  'kontak_pelapor',
  'kanal',
  'jumlah_lampiran',
  'tindak_lanjut_terakhir',
  'tanggal_selesai',
  'penilaian_pelapor',
] as const;
export type Sp4nRecord = Record<(typeof SP4N_FIELDS)[number], string | number | null>;

const CHANNEL_NAMES: Record<string, string> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  x: 'X (Twitter)',
  web: 'Formulir web',
  open311: 'Open311 (sistem lain)',
};

/**
 * LAPOR! titles are short: the first sentence of the (masked) text, at most 100 characters. A sentence ends at
 * a full stop after a word of 4+ letters followed by a capital, so "Jl." and "No." do not cut it.
 */
export function titleOf(text: string): string {
  const first = text.split(/\n|(?<=[^\s.]{4}[.!?])\s+(?=\p{Lu})/u)[0]?.trim() ?? '';
  const chars = [...first];
  return chars.length <= 100 ? first : `${chars.slice(0, 97).join('').trimEnd()}...`;
}

/** A date as LAPOR! forms take it: YYYY-MM-DD in the city's time zone. */
function localDate(d: Date | null, timeZone: string): string | null {
  if (!d) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Complaints of the filter (merged duplicates and non-complaints left out: their case is exported). */
async function rows(ctx: AppContext, f: ExportFilter) {
  return ctx.db.complaint.findMany({
    where: {
      mergedIntoId: null,
      OR: [{ jurisdiction: null }, { jurisdiction: { not: 'not_complaint' } }],
      createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) },
      ...(f.status ? { status: f.status } : {}),
      ...(f.agency ? { assignedAgency: f.agency } : {}),
    },
    orderBy: { createdAt: 'asc' },
    take: CSV_MAX_ROWS,
    include: {
      reporter: { select: { displayName: true, phone: true, contact: true, privacy: true } },
      agency: { select: { name: true } },
      events: { where: { publicNote: { not: null } }, orderBy: { createdAt: 'desc' }, take: 1 },
      _count: { select: { attachments: true } },
    },
  });
}

type Row = Awaited<ReturnType<typeof rows>>[number];

/** One complaint in LAPOR!'s fields. */
export function toSp4n(c: Row, timeZone: string): Sp4nRecord {
  // The stricter of the complaint's and the reporter's current choice wins.
  const hidden = c.privacy !== 'named' || c.reporter.privacy !== 'named';
  const text = hidden ? maskPersonalData(c.text) : c.text;
  const note = c.events[0]?.publicNote ?? null;
  return {
    nomor_pelacakan: c.trackingId,
    tanggal_laporan: localDate(c.createdAt, timeZone),
    klasifikasi: 'Pengaduan',
    judul_laporan: titleOf(text),
    isi_laporan: text,
    tanggal_kejadian: null,
    lokasi_kejadian: c.locationText,
    lintang: c.latitude,
    bujur: c.longitude,
    kode_instansi_tujuan: c.assignedAgency,
    instansi_tujuan: c.agency?.name ?? null,
    status: STATUS_LABELS[c.status as (typeof STATUSES)[number]] ?? c.status,
    anonim: c.privacy === 'anonim' || c.reporter.privacy === 'anonim' ? 'Ya' : 'Tidak',
    rahasia: c.privacy === 'rahasia' || c.reporter.privacy === 'rahasia' ? 'Ya' : 'Tidak',
    nama_pelapor: hidden ? null : c.reporter.displayName,
    kontak_pelapor: hidden ? null : (c.reporter.phone ?? c.reporter.contact),
    kanal: CHANNEL_NAMES[c.channel] ?? c.channel,
    jumlah_lampiran: c._count.attachments,
    tindak_lanjut_terakhir: note && hidden ? maskPersonalData(note) : note,
    tanggal_selesai: localDate(c.resolvedAt, timeZone),
    penilaian_pelapor: c.rating,
  };
}

/** The export as records (JSON). */
export async function sp4nRecords(ctx: AppContext, f: ExportFilter): Promise<Sp4nRecord[]> {
  return (await rows(ctx, f)).map((c) => toSp4n(c, ctx.city.timeZone));
}

/** The export as CSV text (without the BOM, which the route adds), each cell guarded against formulas. */
export function sp4nCsv(records: Sp4nRecord[]): string {
  const lines = [SP4N_FIELDS.join(',')];
  for (const r of records) lines.push(SP4N_FIELDS.map((k) => csvCell(r[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
