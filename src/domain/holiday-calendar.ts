// Indonesia's non-working days as data per year: national holidays (libur nasional) and collective leave
// (cuti bersama), as the yearly joint decree of three ministers (SKB Menteri Agama, Menteri Ketenagakerjaan
// and Menteri PANRB) lists them. The SLA's working-day clock skips them. Pure: parsing and checking only.
import { z } from 'zod';

/** Every national holiday a year has; a year file missing one of them is incomplete. */
export const HOLIDAY_KINDS = [
  'tahun_baru_masehi',
  'isra_mikraj',
  'imlek',
  'nyepi',
  'idul_fitri',
  'wafat_yesus',
  'paskah',
  'hari_buruh',
  'waisak',
  'kenaikan_yesus',
  'pancasila',
  'idul_adha',
  'tahun_baru_islam',
  'kemerdekaan',
  'maulid',
  'natal',
] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** How a holiday's name is recognised in a decree's text (lower-cased, accents and punctuation folded). */
const KIND_PATTERNS: [HolidayKind, RegExp][] = [
  ['tahun_baru_islam', /muharam|muharram|tahun baru islam/],
  ['tahun_baru_masehi', /tahun baru .*masehi|tahun baru masehi/],
  ['isra_mikraj', /isra/],
  ['imlek', /imlek/],
  ['nyepi', /nyepi/],
  ['idul_fitri', /idul ?fitri|idulfitri/],
  ['wafat_yesus', /wafat/],
  ['paskah', /kebangkitan|paskah/],
  ['hari_buruh', /buruh/],
  ['waisak', /waisak/],
  ['kenaikan_yesus', /kenaikan/],
  ['pancasila', /pancasila/],
  ['idul_adha', /idul ?adha|iduladha/],
  ['kemerdekaan', /kemerdekaan|proklamasi/],
  ['maulid', /maulid/],
  ['natal', /kelahiran (yesus|isa)|natal/],
];

/** The kind of holiday a name in a decree refers to, or null when it is not one the calendar knows. */
export function holidayKind(name: string): HolidayKind | null {
  const folded = fold(name);
  return KIND_PATTERNS.find(([, re]) => re.test(folded))?.[0] ?? null;
}

const daySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD'),
  name: z.string().min(3),
  type: z.enum(['libur_nasional', 'cuti_bersama']),
  kind: z.enum(HOLIDAY_KINDS),
});
/** One year of the calendar as stored in data/holidays/<year>.json. */
export const holidayYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  /** resmi: copied from the signed decree; perkiraan: estimated dates, to be replaced by the decree. */
  status: z.enum(['resmi', 'perkiraan']),
  source: z.string().min(3),
  days: z.array(daySchema).min(1),
});
export type HolidayYear = z.infer<typeof holidayYearSchema>;
export type HolidayDay = HolidayYear['days'][number];

/** What is wrong with a year's list (empty when it is complete): missing holidays, dates outside the year. */
export function yearProblems(y: HolidayYear): string[] {
  const problems: string[] = [];
  const national = new Set(y.days.filter((d) => d.type === 'libur_nasional').map((d) => d.kind));
  for (const kind of HOLIDAY_KINDS) if (!national.has(kind)) problems.push(`${y.year}: no national holiday "${kind}"`);
  for (const d of y.days) {
    const date = new Date(`${d.date}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== d.date) {
      problems.push(`${d.date}: not a calendar date`);
    } else if (date.getUTCFullYear() !== y.year) problems.push(`${d.date}: outside ${y.year}`);
  }
  const dates = y.days.map((d) => `${d.date}/${d.type}`);
  for (const dup of dates.filter((d, i) => dates.indexOf(d) !== i)) problems.push(`${dup}: listed twice`);
  return problems;
}

const MONTHS: Record<string, number> = {
  januari: 1,
  februari: 2,
  maret: 3,
  april: 4,
  mei: 5,
  juni: 6,
  juli: 7,
  agustus: 8,
  september: 9,
  oktober: 10,
  november: 11,
  desember: 12,
};
const MONTH_WORD = Object.keys(MONTHS).join('|');
/** "1 Januari 2027", a range "20-21 Maret 2027", or two days "20 dan 23 Maret 2027". */
const DATE_RE = new RegExp(
  `(\\d{1,2})(?:\\s*(?:-|–|dan|s\\.?d\\.?|sampai)\\s*(\\d{1,2}))?\\s+(${MONTH_WORD})\\s+(\\d{4})`,
  'g',
);

/**
 * Reads the list as printed in the decree (one holiday per line, copied from its table: "No | Tanggal | Hari
 * | Keterangan", in any column order). Lines after a heading that says "cuti bersama" are collective leave.
 * Returns the days it understood and the lines it could not read, for the importer to show.
 */
export function parseDecree(text: string): { days: HolidayDay[]; unread: string[] } {
  const days: HolidayDay[] = [];
  const unread: string[] = [];
  let type: HolidayDay['type'] = 'libur_nasional';
  for (const line of text.split(/\r?\n/)) {
    const folded = fold(line);
    if (!folded.trim()) continue;
    const dates = [...folded.matchAll(DATE_RE)];
    if (dates.length === 0) {
      if (/cuti bersama/.test(folded)) type = 'cuti_bersama';
      else if (/libur nasional/.test(folded)) type = 'libur_nasional';
      continue;
    }
    const name = line
      .replace(new RegExp(DATE_RE.source, 'gi'), ' ')
      .replace(/^[\s\d.|,;:-]+|(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b|[|]/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const kind = holidayKind(name);
    if (!kind) {
      unread.push(line.trim());
      continue;
    }
    for (const m of dates) {
      const [, from, to, month, year] = m;
      const first = Number(from);
      const last = to ? Number(to) : first;
      // "20 dan 23" names two days; "20-22" a range.
      const list = /dan/.test(m[0]) ? [first, last] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
      for (const day of list) {
        const date = `${year}-${String(MONTHS[month as string]).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        days.push({ date, name, type, kind });
      }
    }
  }
  return { days, unread };
}

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’']/g, '');
}
