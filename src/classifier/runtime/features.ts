/** Turns surface tokens into sparse, named features (surface words, stems, bigrams, character n-grams). */
import { type ConceptIndex, matchConcepts } from './concepts.js';
import { markerKind } from './framing.js';
import { indonesianStopwords } from './natural.js';
import { PLACEHOLDERS } from './preprocess.js';
import { stem } from './stem-cache.js';

/** Which feature families to emit; stored in the model so inference matches training. */
export interface FeatureConfig {
  /** Add the Sastrawi stem as a second feature, so "jalan", "jalanan" and "jalannya" share one. */
  stems: boolean;
  /** Add bigrams of adjacent content words. */
  bigrams: boolean;
  /** Character n-gram lengths inside content words (e.g. [3, 5]), or null for none. */
  charNgrams: readonly [number, number] | null;
  /** Add one feature per matched domain concept (needs concept lists in the preprocess config). */
  concepts?: boolean;
}

/** Extra inputs of `extractFeatures`. */
export interface ExtractContext {
  /** Same length as the tokens: the written word behind each token, for explanations. */
  origins?: readonly string[];
  /** Compiled concept phrases, when the config enables concepts. */
  conceptIndex?: ConceptIndex;
}

/** Features of one document: counts plus, for each feature, the surface word it came from (for reasons). */
export interface DocFeatures {
  counts: Map<string, number>;
  sources: Map<string, string>;
}

/**
 * natural's list drops some words that name the topic of a complaint ("lowongan kerja", "harga naik",
 * "ibu hamil"), so they stay content words here. Urgency words ("segera", "tolong") are not kept: they
 * name no topic, and as features they made "tolong segera" an emergency.
 */
const KEEP = new Set(['kerja', 'bekerja', 'naik', 'turun', 'ibu', 'masuk', 'keluar', 'lama']);
const STOPWORDS = new Set(indonesianStopwords.filter((word) => !KEEP.has(word)));
const PLACEHOLDER_WORDS = new Set<string>(Object.values(PLACEHOLDERS));

/** Prefix of the features of framing markers (courtesy, letter, landmark). */
export const MARKER_PREFIX = 'm:';

/** True for words that carry no topic (natural's Indonesian stop words minus a small keep-list). */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

function add(doc: DocFeatures, feature: string, source: string): void {
  doc.counts.set(feature, (doc.counts.get(feature) ?? 0) + 1);
  if (!doc.sources.has(feature)) doc.sources.set(feature, source);
}

function addCharNgrams(doc: DocFeatures, word: string, [min, max]: readonly [number, number], source: string): void {
  const padded = `<${word}>`;
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) add(doc, `c:${padded.slice(i, i + n)}`, source);
  }
}

/** Extracts features from preprocessed tokens. Single letters and stop words are not content words. */
export function extractFeatures(
  tokens: readonly string[],
  config: FeatureConfig,
  context: ExtractContext = {},
): DocFeatures {
  const { origins, conceptIndex } = context;
  const doc: DocFeatures = { counts: new Map(), sources: new Map() };
  if (config.concepts && conceptIndex) {
    for (const match of matchConcepts(tokens, conceptIndex)) {
      const written = (origins ?? tokens).slice(match.start, match.end).join(' ');
      add(doc, `k:${match.concept}`, written);
    }
  }
  const keep = tokens.flatMap((token, i) => (token.length > 1 && !STOPWORDS.has(token) ? [i] : []));
  const content = keep.map((i) => tokens[i] as string);
  const written = keep.map((i) => origins?.[i] ?? (tokens[i] as string));
  content.forEach((word, k) => {
    const source = written[k] as string;
    const marker = markerKind(word);
    // Courtesy, letter framing and landmarks: one feature per kind, never a topic word (see train.ts).
    if (marker) {
      add(doc, `${MARKER_PREFIX}${marker}`, source);
      return;
    }
    add(doc, `w:${word}`, source);
    if (PLACEHOLDER_WORDS.has(word) || /\d/.test(word)) return;
    if (config.stems) {
      const root = stem(word);
      if (root.length > 1) add(doc, `s:${root}`, source);
    }
    if (config.charNgrams) addCharNgrams(doc, word, config.charNgrams, source);
  });
  if (config.bigrams) {
    for (let i = 1; i < content.length; i++) {
      add(doc, `b:${content[i - 1]}_${content[i]}`, `${written[i - 1]} ${written[i]}`);
    }
  }
  return doc;
}
