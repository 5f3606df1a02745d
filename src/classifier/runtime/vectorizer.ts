/** Vocabulary building and sparse vectors (TF-IDF for the linear model, raw counts for naive Bayes). */

/** A sparse vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Feature names with their column index and inverse document frequency. */
export interface Vocabulary {
  names: string[];
  index: Map<string, number>;
  idf: Float64Array;
}

/** How term counts become vector values. */
export type Weighting = 'tfidf' | 'counts';

/**
 * `prefixBoosts` multiplies the weight of a feature family, keyed by prefix ("k:" for concepts).
 * Keeps features seen in at least `minDf` training documents. Pruning rare features is what keeps the
 * model small and stops it memorising one-off words (and any personal data that slipped through).
 */
export function buildVocabulary(
  docs: readonly Map<string, number>[],
  minDf: number,
  prefixBoosts: Readonly<Record<string, number>> = {},
): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) for (const feature of doc.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  const names = [...df.entries()]
    .filter(([, count]) => count >= minDf)
    .map(([name]) => name)
    .sort();
  const idf = new Float64Array(names.length);
  names.forEach((name, i) => {
    // Smoothed idf as in scikit-learn: never zero, never infinite. A boost (e.g. for concept features)
    // is folded into the idf so the stored model applies it at inference without extra code.
    const boost = prefixBoosts[name.slice(0, 2)] ?? 1;
    idf[i] = boost * (Math.log((1 + docs.length) / (1 + (df.get(name) ?? 0))) + 1);
  });
  return { names, index: new Map(names.map((name, i) => [name, i])), idf };
}

/** Rebuilds a vocabulary from stored names and idf values. */
export function restoreVocabulary(names: readonly string[], idf: readonly number[]): Vocabulary {
  return { names: [...names], index: new Map(names.map((name, i) => [name, i])), idf: Float64Array.from(idf) };
}

/**
 * Vectorises one document. TF-IDF uses sublinear tf (1 + log tf) and L2 normalisation so long messages do
 * not get more confident just by being long; counts are left raw for naive Bayes.
 */
export function vectorize(counts: Map<string, number>, vocab: Vocabulary, weighting: Weighting): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  for (const [feature, count] of counts) {
    const i = vocab.index.get(feature);
    if (i === undefined) continue;
    indices.push(i);
    values.push(weighting === 'tfidf' ? (1 + Math.log(count)) * (vocab.idf[i] ?? 1) : count);
  }
  if (weighting === 'tfidf') {
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) / norm;
  }
  return { indices, values };
}
