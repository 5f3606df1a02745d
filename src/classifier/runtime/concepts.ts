/**
 * Domain synonym groups ("concepts" in slang.json): every word or phrase of a group adds the same feature,
 * so a message using a synonym never seen in training ("byar pet", "jeglek") still gets the group's
 * weight ("listrik"). Matching compares surface words and stems, so inflected forms match too.
 */
import { type PreprocessConfig, preprocess } from './preprocess.js';
import { stem } from './stem-cache.js';

/** One phrase of a concept, as stems. */
interface Phrase {
  concept: string;
  stems: string[];
}

/** Phrases indexed by the stem of their first word. */
export type ConceptIndex = Map<string, Phrase[]>;

const cache = new WeakMap<object, ConceptIndex>();

/**
 * Runs concept phrases through the message pipeline (slang, tokens, stems) once, at training time. The
 * model stores this stemmed form, so loading a model needs no stemming (Sastrawi is slow uncached).
 */
export function stemConcepts(
  concepts: Readonly<Record<string, readonly string[]>>,
  slang: PreprocessConfig['slang'],
): Record<string, string[]> {
  const stemPhrase = (phrase: string): string => preprocess(phrase, { slang, maxChars: 200 }).map(stem).join(' ');
  return Object.fromEntries(
    Object.entries(concepts).map(([concept, phrases]) => [
      concept,
      [...new Set(phrases.map(stemPhrase))].filter(Boolean),
    ]),
  );
}

/** Indexes stemmed concept phrases (from `stemConcepts`) by first stem; cached per concepts object. */
export function compileConcepts(stemmed: Readonly<Record<string, readonly string[]>>): ConceptIndex {
  const hit = cache.get(stemmed);
  if (hit) return hit;
  const index: ConceptIndex = new Map();
  for (const [concept, phrases] of Object.entries(stemmed)) {
    for (const phrase of phrases) {
      const stems = phrase.split(' ');
      const first = stems[0];
      if (!first) continue;
      const list = index.get(first) ?? [];
      list.push({ concept, stems });
      index.set(first, list);
    }
  }
  cache.set(stemmed, index);
  return index;
}

/** A concept found in a message: its name and the token span [start, end). */
export interface ConceptMatch {
  concept: string;
  start: number;
  end: number;
}

/** Finds every concept phrase in `tokens` (each concept counted once per position). */
export function matchConcepts(tokens: readonly string[], index: ConceptIndex): ConceptMatch[] {
  const stems = tokens.map(stem);
  const matches: ConceptMatch[] = [];
  stems.forEach((first, i) => {
    const seen = new Set<string>();
    for (const phrase of index.get(first) ?? []) {
      if (seen.has(phrase.concept)) continue;
      const fits = phrase.stems.every((s, k) => stems[i + k] === s);
      if (!fits) continue;
      seen.add(phrase.concept);
      matches.push({ concept: phrase.concept, start: i, end: i + phrase.stems.length });
    }
  });
  return matches;
}
