/**
 * The only entry point to `natural` in the classifier.
 *
 * Why deep requires: importing the `natural` package root loads every sub-module (WordNet, storage back
 * ends, dotenv) and takes 1–2.5 s, which alone would break the "model load < 1 s" target. The few Indonesian
 * pieces we use load in ~40 ms on their own and never touch dotenv, so importing this module has no side
 * effect on the environment (the BayesClassifier of the model comparison lives in evaluation/natural-bayes.ts).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Minimal shape of natural's Sastrawi-port stemmer. */
export interface NaturalStemmer {
  stem(token: string): string;
}

/** Minimal shape of natural's tokenizers. */
interface NaturalTokenizer {
  tokenize(text: string): string[];
}

/** natural's Sastrawi-port stemmer module (also handed to the BayesClassifier of the model comparison). */
export const stemmerModule = require('natural/lib/natural/stemmers/indonesian/stemmer_id.js') as NaturalStemmer;
const TokenizerCtor =
  require('natural/lib/natural/tokenizers/aggressive_tokenizer_id.js') as new () => NaturalTokenizer;
const stopwordsModule = require('natural/lib/natural/util/stopwords_id.js') as { words: string[] };

const rootWords = require('natural/lib/natural/stemmers/indonesian/data/kata-dasar.json') as string[];
const tokenizer = new TokenizerCtor();
const dictionary = new Set(rootWords.filter(Boolean));

/** natural's AggressiveTokenizerId: keeps a-z, 0-9 and hyphens; input must already be lower-case. */
export function tokenizeId(text: string): string[] {
  return tokenizer.tokenize(text);
}

/** natural's StemmerId (Sastrawi port), uncached; use `stem` from stem-cache.ts instead. */
export function stemIdUncached(token: string): string {
  return stemmerModule.stem(token);
}

/** True if `word` is in the Sastrawi root-word dictionary that natural's StemmerId uses (~30k words). */
export function isRootWord(word: string): boolean {
  return dictionary.has(word);
}

/** natural's Indonesian stop-word list (a copy, so callers cannot mutate natural's global list). */
export const indonesianStopwords: readonly string[] = [...stopwordsModule.words];
