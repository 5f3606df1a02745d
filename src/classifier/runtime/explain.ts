/** Explanations: which written words pushed the model towards a label. */
import type { DocFeatures } from './features.js';
import type { LinearModel } from './linear.js';
import { PLACEHOLDERS } from './preprocess.js';
import type { SparseVector } from './vectorizer.js';

const PLACEHOLDER_WORDS = new Set<string>(Object.values(PLACEHOLDERS));

/**
 * Top written words by contribution to `label`. A feature's contribution is x_f * (W[f, label] - mean_c
 * W[f, c]): what it adds to this label relative to the others. Stems, bigrams and n-grams are credited to
 * the word the citizen actually wrote, so an officer sees "jln" or "berlubang", not "s:lubang".
 */
export function topWords(
  model: LinearModel,
  x: SparseVector,
  doc: DocFeatures,
  featureNames: readonly string[],
  label: number,
  limit = 3,
): string[] {
  const L = model.numLabels;
  const byWord = new Map<string, number>();
  x.indices.forEach((f, k) => {
    const base = f * L;
    let mean = 0;
    for (let c = 0; c < L; c++) mean += model.weights[base + c] as number;
    mean /= L;
    const contribution = (x.values[k] as number) * ((model.weights[base + label] as number) - mean);
    const source = doc.sources.get(featureNames[f] ?? '');
    // Placeholders and bare numbers explain nothing to an officer.
    if (!source || PLACEHOLDER_WORDS.has(source) || /^\d+$/.test(source)) return;
    // A bigram's credit is split between its two words.
    const words = source.split(' ');
    for (const word of words) byWord.set(word, (byWord.get(word) ?? 0) + contribution / words.length);
  });
  return [...byWord.entries()]
    .filter(([, score]) => score > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word]) => word);
}
