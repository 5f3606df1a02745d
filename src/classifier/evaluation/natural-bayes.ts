/**
 * natural's BayesClassifier, used only by the model comparison (scripts/classifier/compare.ts). Loading it
 * pulls natural's storage back ends, which load dotenv and would print "injected env" lines on stdout, so
 * the quiet switch is set here, just before, rather than by the runtime on every import.
 */
import { createRequire } from 'node:module';
import { type NaturalStemmer, stemmerModule } from '../runtime/natural.js';

const require = createRequire(import.meta.url);

/** Minimal shape of natural's (apparatus-backed) BayesClassifier. */
export interface NaturalBayes {
  addDocument(textOrTokens: string | string[], label: string): void;
  train(): void;
  classify(textOrTokens: string | string[]): string;
  getClassifications(textOrTokens: string | string[]): { label: string; value: number }[];
}

/** Creates natural's BayesClassifier with the Indonesian stemmer. */
export function createNaturalBayes(smoothing = 1): NaturalBayes {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
  const { BayesClassifier } = require('natural/lib/natural/classifiers/index.js') as {
    BayesClassifier: new (stemmer: NaturalStemmer, smoothing: number) => NaturalBayes;
  };
  return new BayesClassifier(stemmerModule, smoothing);
}
