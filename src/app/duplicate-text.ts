// Text similarity of two complaints for duplicate suggestions: the classifier's normalisation (placeholders,
// slang, reduplication) read-only, Indonesian stop words and courtesy words out, stems, then TF-IDF cosine.
// Pure: the document frequencies are passed in (built once from a reference corpus, see duplicate-candidates.ts).
import { type ConceptIndex, indonesianStopwords, matchConcepts, preprocess, stem } from '../classifier/index.js';

/** What turns text into terms: the slang dictionary and the concept groups of data/classifier/slang.json. */
export interface TermConfig {
  slang: Readonly<Record<string, string>>;
  /** Domain synonym groups (jalan_rusak, lingkungan, air_bersih…): which kind of problem a text is about. */
  concepts?: ConceptIndex;
}

// Words every complaint carries (greetings, courtesy, "report", placeholders): they say nothing about
// which problem it is, and two complaints sharing only them must not look alike.
// biome-ignore format: a list reads better in rows
const GENERIC = [
  'mohon', 'tolong', 'pak', 'bu', 'bapak', 'ibu', 'min', 'admin', 'gan', 'kak', 'mas', 'mbak', 'terima', 'kasih',
  'lapor', 'laporan', 'adu', 'aduan', 'warga', 'segera', 'cepat', 'pagi', 'siang', 'sore', 'malam', 'selamat',
  'assalamualaikum', 'salam', 'permisi', 'halo', 'hai', 'kota', 'cilegon', 'pemkot', 'dinas', 'tindak', 'lanjut',
  'saya', 'kami', 'kita', 'sudah', 'belum', 'tidak', 'banget', 'sekali', 'parah', 'sangat', 'nya', 'sih', 'dong',
  'deh', 'kok', 'ya', 'yg', 'udah', 'aja', 'hari', 'minggu', 'bulan', 'lama', 'lagi', 'masih', 'terus', 'ini', 'itu',
  'xurlx', 'xemailx', 'xmentionx', 'xhashtagx', 'xnikx', 'xteleponx', 'xangkax', 'rt', 'rw', 'no', 'nomor',
];
const SKIP = new Set([...indonesianStopwords, ...GENERIC]);

/** The content terms of a text and the concept groups it mentions. */
export function analyse(text: string, config: TermConfig): { terms: string[]; concepts: Set<string> } {
  const tokens = preprocess(text, { slang: config.slang, maxChars: 2000 });
  const concepts = config.concepts ? matchConcepts(tokens, config.concepts).map((m) => m.concept) : [];
  return { terms: contentTerms(tokens), concepts: new Set(concepts) };
}

/** The content terms of a text: normalised, slang expanded, stemmed, stop and courtesy words removed. */
export function terms(text: string, config: TermConfig): string[] {
  return contentTerms(preprocess(text, { slang: config.slang, maxChars: 2000 }));
}

function contentTerms(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.length < 2 || SKIP.has(token) || /^\d+$/.test(token)) continue;
    const root = stem(token);
    if (!SKIP.has(root)) out.push(root);
  }
  return out;
}

/** Inverse document frequencies of a reference corpus (terms per document), smoothed. */
export interface Idf {
  weight(term: string): number;
}

/** Builds smoothed IDF weights; a term never seen in the corpus gets the weight of a term seen once. */
export function buildIdf(documents: readonly (readonly string[])[]): Idf {
  const df = new Map<string, number>();
  for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = documents.length;
  const of = (count: number) => Math.log((n + 1) / (count + 1)) + 1;
  const unseen = of(1);
  return { weight: (term) => (df.has(term) ? of(df.get(term) as number) : unseen) };
}

/** A text ready for comparison: its TF-IDF vector and its norm. */
export interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** TF-IDF vector of a term list (sub-linear term frequency: a word repeated in anger counts little more). */
export function vectorize(list: readonly string[], idf: Idf): TermVector {
  const tf = new Map<string, number>();
  for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [t, count] of tf) {
    const w = (1 + Math.log(count)) * idf.weight(t);
    weights.set(t, w);
    sum += w * w;
  }
  return { weights, norm: Math.sqrt(sum) };
}

/** Cosine similarity of two vectors, 0..1, and the shared terms that weigh most (for the reasons). */
export function cosine(a: TermVector, b: TermVector): { similarity: number; shared: string[] } {
  if (a.norm === 0 || b.norm === 0) return { similarity: 0, shared: [] };
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  const shared: [string, number][] = [];
  for (const [t, w] of small.weights) {
    const other = large.weights.get(t);
    if (other === undefined) continue;
    dot += w * other;
    shared.push([t, w * other]);
  }
  shared.sort((x, y) => y[1] - x[1]);
  return { similarity: Math.min(1, dot / (a.norm * b.norm)), shared: shared.slice(0, 3).map(([t]) => t) };
}
