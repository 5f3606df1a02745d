import { colloquialRoot } from './colloquial.js';
import { isRootWord, stemIdUncached } from './natural.js';

// Sastrawi runs at ~25k words/s uncached; messages repeat the same few thousand words, so a cache makes
// stemming effectively free. Bounded so a stream of random junk cannot grow memory without limit.
const MAX_ENTRIES = 100_000;
const cache = new Map<string, string>();

function computeStem(token: string): string {
  if (!/^[a-z]{3,}$/.test(token)) return token;
  const stemmed = stemIdUncached(token);
  if (isRootWord(stemmed)) return stemmed;
  // Sastrawi only knows standard morphology; informal forms ("nutupin", "dateng") get a second chance.
  return colloquialRoot(token) ?? stemmed;
}

/** Memoised root of a word: natural's StemmerId, with colloquial forms mapped to their dictionary root. */
export function stem(token: string): string {
  const hit = cache.get(token);
  if (hit !== undefined) return hit;
  const result = computeStem(token);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(token, result);
  return result;
}
