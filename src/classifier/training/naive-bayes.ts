/** Sparse multinomial naive Bayes, expressed as a linear model over raw term counts. */
import type { LinearModel } from '../runtime/linear.js';
import type { SparseVector } from '../runtime/vectorizer.js';

/** Training settings: Laplace/Lidstone smoothing and whether to use a uniform class prior. */
export interface NaiveBayesOptions {
  alpha: number;
  uniformPrior: boolean;
}

/**
 * Fits log P(feature | label) with additive smoothing. Scores are log-likelihoods, so they are turned into
 * probabilities with a softmax like the logistic model (and then temperature-calibrated).
 */
export function trainNaiveBayes(
  xs: readonly SparseVector[],
  ys: readonly number[],
  numLabels: number,
  numFeatures: number,
  options: NaiveBayesOptions = { alpha: 0.1, uniformPrior: true },
): LinearModel {
  const L = numLabels;
  const counts = new Float64Array(numFeatures * L);
  const totals = new Float64Array(L);
  const docs = new Float64Array(L);
  xs.forEach((x, n) => {
    const y = ys[n] as number;
    docs[y] = (docs[y] as number) + 1;
    x.indices.forEach((f, k) => {
      const v = x.values[k] as number;
      counts[f * L + y] = (counts[f * L + y] as number) + v;
      totals[y] = (totals[y] as number) + v;
    });
  });
  const weights = new Float64Array(numFeatures * L);
  for (let f = 0; f < numFeatures; f++) {
    for (let c = 0; c < L; c++) {
      const denom = (totals[c] as number) + options.alpha * numFeatures;
      weights[f * L + c] = Math.log(((counts[f * L + c] as number) + options.alpha) / denom);
    }
  }
  const bias = new Float64Array(L);
  for (let c = 0; c < L; c++) {
    bias[c] = options.uniformPrior ? 0 : Math.log(((docs[c] as number) + 1) / (xs.length + L));
  }
  return { numFeatures, numLabels: L, weights, bias };
}
