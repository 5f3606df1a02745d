// Reads a reporter's answer to "how did we handle your complaint (1-5)?". Pure: no I/O, no clock, so every
// Indonesian variant is a unit test. Only ever called when a rating was actually asked and is still awaited:
// without that, "2 lampu mati di Jl. Sudirman" is a new complaint, never a "2".

/** What an answer says: a score (or none), the reporter's own words, and whether they say it is not fixed. */
export interface RatingAnswer {
  rating: number | null;
  comment: string | null;
  notResolved: boolean;
}

const NUMBER_WORDS: Record<string, number> = { satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5 };

// Words that turn a leading number into a count ("2 lampu mati", "3 hari", "5 titik"): a new report, not a score.
const COUNTED =
  /^(lampu|tiang|titik|lubang|hari|minggu|bulan|tahun|jam|menit|kali|orang|warga|rumah|kk|rt|rw|unit|buah|pohon|mobil|motor|truk|ekor|meter|m|km|kg|gang|jalan|jln|jl|sekolah|anak|bak|tps|karung|kantong|hektar|ha|lantai|pintu|saluran|gorong|drainase|kios|lapak|pedagang|bangunan|gedung|tong|lagi|hal|pertanyaan|masalah|laporan|aduan|keluhan)\b/;

// "Not fixed yet": reopens the complaint whatever the score.
const NOT_RESOLVED = [
  /\b(belum|blm|blum|bllm|tidak|tdk|gak|ga|nggak|ngga|enggak|kagak)\s+(juga\s+)?(selesai|beres|tuntas|diperbaiki|diperbaikin|dibetulin|dibenerin|ditangani|ditindaklanjuti|diangkut|menyala|nyala|jalan|ada\s+(perbaikan|tindakan|petugas))\b/,
  /\bmasih\s+(rusak|bolong|berlubang|mati|padam|banjir|menumpuk|numpuk|bau|macet|sama|bocor|mampet|tersumbat|gelap|ada|belum)\b/,
  /\bbelum\s+ada\s+(perubahan|perbaikan|tindakan)\b/,
  /\b(sama\s+sekali\s+)?(tidak|tdk|gak|ga|nggak)\s+ada\s+(perubahan|perbaikan|tindakan)\b/,
];

// Words-only answers, strongest first so "sangat puas" is not read as "puas".
const WORD_SCORES: [RegExp, number][] = [
  [/\b(sangat|sgt|sngt|amat|paling)\s+(puas|bagus|baik|memuaskan|mantap)\b|\bpuas\s+(sekali|banget|bgt|bngt)\b/, 5],
  [
    /\b(sangat|sgt|amat)\s+(kecewa|buruk|jelek|tidak\s+puas|tdk\s+puas|gak\s+puas)\b|\bkecewa\s+(sekali|banget|bgt)\b/,
    1,
  ],
  [/\b(tidak|tdk|gak|ga|nggak|ngga|enggak)\s+puas\b|\bkecewa\b|\bburuk\b|\bjelek\b/, 1],
  [/\b(kurang|belum|blm)\s+(puas|memuaskan|bagus|baik|cepat|tanggap)\b|\blambat\b|\blelet\b/, 2],
  [/\b(cukup|lumayan|biasa\s+saja|biasa\s+aja|standar)\b/, 3],
  // "ok", "baik" and "cepat" alone are left out: "baik, terima kasih" and "tolong cepat" are not scores.
  [/\b(puas|memuaskan|bagus|mantap|mantab|mantul|top|cepat\s+tanggap|sigap)\b/, 4],
];

const STARS = /(?:⭐|🌟|★|✨)/gu;

// Words that name a place: a words-only answer that has one is read as a new report, not a score.
const PLACE = /\b(di|jl|jln|jalan|gang|gg|rt|rw|depan|dekat|samping|kelurahan|kel|kecamatan|kec|perumahan|komplek)\b/;

/** Lower-cased, one space between words, the variation selectors of emoji dropped. */
function normalise(text: string): string {
  return text
    .replace(/\uFE0F/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words worth keeping as the comment: the answer minus the score itself. */
function commentOf(original: string, scorePart: RegExp | null): string | null {
  let rest = original.replace(/\uFE0F/g, '');
  if (scorePart) rest = rest.replace(scorePart, ' ');
  rest = rest.replace(STARS, ' ');
  rest = rest
    .replace(/^[\s,.;:!\-–—)]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return rest.length > 0 ? rest : null;
}

// A leading score: "4", "4/5", "4 dari 5", "nilai 4", "skor: 4", "rating 4", "4 bintang", "bintang 4", "empat".
const LEADING_SCORE =
  /^\s*(?:(?:nilai|nilainya|skor|score|rating|rate|bintang|saya\s+beri|saya\s+kasih|kasih|beri)\s*:?\s*)?([1-5]|satu|dua|tiga|empat|lima)(?:\s*(?:\/\s*5|dari\s+5|dari\s+lima|bintang|⭐))?(?=$|[\s,.;:!)\-–—])/iu;

/** The score at the start of the answer, if it is one (and not a count like "2 lampu"). */
function leadingScore(norm: string): { rating: number; match: RegExp } | null {
  const m = LEADING_SCORE.exec(norm);
  if (!m?.[1]) return null;
  const after = norm.slice(m[0].length).replace(/^[\s,.;:!\-–—]+/, '');
  // "2 lampu mati di jl X": the number counts things. A separator after the score ("2, lampunya…") is a score.
  const separated = /^[\s]*[,.;:!\-–—]/.test(norm.slice(m[0].length));
  if (!separated && COUNTED.test(after)) return null;
  const token = m[1];
  const rating = NUMBER_WORDS[token] ?? Number(token);
  return { rating, match: new RegExp(`^\\s*${escapeRegExp(m[0].trim()).replace(/ /g, '\\s+')}`, 'iu') };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The score a words-only answer gives ("sangat puas" 5, "kurang puas" 2, ...), or null. */
export function wordScore(norm: string): number | null {
  for (const [re, score] of WORD_SCORES) if (re.test(norm)) return score;
  return null;
}

/**
 * Reads an answer to the rating question, or null when it is no answer to it (a new complaint, a question):
 * then the message goes on through intake as usual. A number outside 1-5 or a long text with no score and no
 * "not fixed" is not an answer.
 */
export function recogniseRating(text: string): RatingAnswer | null {
  const norm = normalise(text);
  if (!norm) return null;
  const notResolved = NOT_RESOLVED.some((re) => re.test(norm));
  const stars = [...norm.matchAll(STARS)].length;
  const onlyStars = norm.replace(STARS, '').trim() === '' || /^[\s⭐🌟★✨]+/u.test(norm);
  if (stars >= 1 && stars <= 5 && onlyStars) {
    return { rating: stars, comment: commentOf(text, null), notResolved };
  }
  const lead = leadingScore(norm);
  if (lead) return { rating: lead.rating, comment: commentOf(text.trim(), lead.match), notResolved };
  if (notResolved) return { rating: null, comment: text.trim() || null, notResolved };
  // Words only: short answers ("puas", "kurang puas, lama sekali"). A long text, or one naming a place
  // ("jalan rusak di depan pasar, buruk"), is more likely a new report than a verdict on the old one.
  const words = norm.split(' ').length;
  const score = words <= 12 && !PLACE.test(norm) ? wordScore(norm) : null;
  return score === null ? null : { rating: score, comment: text.trim(), notResolved };
}
