// Masks personal data in free text before it reaches a public page, an OPD view of an anonim report, or a log.
// Pure and regex-based: it must never mask what a reader needs (dates, RT/RW, amounts, tracking IDs).
import { TRACKING_ALPHABET } from './tracking-id.js';

/** What a masked span is replaced with: a short Indonesian label a citizen or officer understands. */
export const MASK_LABELS = {
  nik: '[NIK disamarkan]',
  phone: '[nomor telepon disamarkan]',
  email: '[email disamarkan]',
  plate: '[pelat nomor disamarkan]',
} as const;

// Region codes of Indonesian vehicle plates (Korlantas list). A closed list keeps "RT 3 RW" from looking like a plate.
// biome-ignore format: a list reads better in rows
const PLATE_REGIONS = [
  'A', 'B', 'D', 'E', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'W', 'Z',
  'AA', 'AB', 'AD', 'AE', 'AG', 'BA', 'BB', 'BD', 'BE', 'BG', 'BH', 'BK', 'BL', 'BM', 'BN', 'BP',
  'DA', 'DB', 'DC', 'DD', 'DE', 'DG', 'DH', 'DK', 'DL', 'DM', 'DN', 'DR', 'DS', 'DT',
  'EA', 'EB', 'ED', 'KB', 'KH', 'KT', 'KU', 'PA', 'PB',
];

const REGIONS = PLATE_REGIONS.join('|');
const END_OF_NUMBER = String.raw`(?![\d]|[.,]\d)`;
const START = String.raw`(?<![\p{L}\p{N}_+])`;

// Alternatives are tried left to right at each position; the first one that matches wins, so a tracking ID is
// claimed (and kept) before its digits can look like anything else, and a NIK before a phone number.
const PARTS: [kind: keyof typeof MASK_LABELS | 'keep', source: string][] = [
  ['keep', String.raw`\b[A-Za-z]{2,5}-\d{6}-[${TRACKING_ALPHABET}${TRACKING_ALPHABET.toLowerCase()}]{4,8}\b`],
  ['email', String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`],
  [
    'nik',
    String.raw`${START}(?:\d{16}|\d{4}(?<sep>[ .-])\d{4}\k<sep>\d{4}\k<sep>\d{4}|\d{2}\.\d{2}\.\d{2}\.\d{6}\.\d{4})${END_OF_NUMBER}`,
  ],
  // Mobile: 08.., 628.., +628.., (+62) 8.., with spaces, dots or dashes between groups; digit count checked below.
  [
    'phone',
    String.raw`(?<![\p{L}\p{N}_])(?:\(\+?62\)[ .-]?|\+62[ .-]?|62[ .-]?|0)\(?8\d{1,3}\)?(?:[ .-]?\d{2,5}){1,3}${END_OF_NUMBER}`,
  ],
  // Landline: (0254) 391234, 021-5551234, +62 21 5551234. A bare "62..." is not accepted (it reads as an amount).
  [
    'phone',
    String.raw`(?<![\p{L}\p{N}_])(?:\(0\d{2,3}\)|0[1-79]\d{1,2}|\+62[ .-]?\(?[1-79]\d{1,2}\)?)[ .-]?\d{3,4}[ .-]?\d{2,4}${END_OF_NUMBER}`,
  ],
  // Upper case: "B 1234 XYZ", "A1234BC", "B-1-RI"; one digit only with separators, so "H2O" stays.
  [
    'plate',
    String.raw`(?<![\p{L}\p{N}_])(?:${REGIONS})(?:[ -]?[1-9]\d{1,3}[ -]?|[ -][1-9][ -])[A-Z]{1,3}(?![\p{L}\p{N}])`,
  ],
  // Lower case only when written without spaces and with 3-4 digits ("b1234xyz"): "a 1 kg" is not a plate.
  ['plate', String.raw`(?<![\p{L}\p{N}_])(?:${REGIONS.toLowerCase()})[1-9]\d{2,3}[a-z]{1,3}(?![\p{L}\p{N}])`],
];

const COMBINED = new RegExp(PARTS.map(([, source]) => `(${source})`).join('|'), 'gu');

// Index of each alternative's outer capture group (inner groups, like the NIK separator, shift the numbering).
const GROUP_INDEX = (() => {
  const indices: number[] = [];
  let group = 1;
  for (const [, source] of PARTS) {
    indices.push(group);
    // An empty alternative always matches, so exec() reports how many groups `source` has.
    group += new RegExp(`${source}|`, 'u').exec('')?.length ?? 1;
  }
  return indices;
})();

/** Digits that make up a phone number once the country code or trunk 0 is dropped (e.g. 81234567890). */
function nationalDigits(span: string): string {
  const digits = span.replace(/\D/g, '');
  if (digits.startsWith('62')) return digits.slice(2);
  return digits.startsWith('0') ? digits.slice(1) : digits;
}

/** Whether a phone-looking span has a plausible length: 9-12 national digits for mobiles, 8-10 for landlines. */
function isPhoneLength(span: string): boolean {
  const national = nationalDigits(span);
  if (national.startsWith('8')) return national.length >= 9 && national.length <= 12;
  return national.length >= 8 && national.length <= 10;
}

/** Replaces NIK, Indonesian phone numbers, e-mail addresses and vehicle plates in `text` with short labels. */
export function maskPersonalData(text: string): string {
  return text.replace(COMBINED, (match: string, ...groups: unknown[]) => {
    const which = GROUP_INDEX.findIndex((index) => groups[index - 1] !== undefined);
    const kind = PARTS[which]?.[0];
    if (kind === undefined || kind === 'keep') return match;
    if (kind === 'phone' && !isPhoneLength(match)) return match;
    return MASK_LABELS[kind];
  });
}
