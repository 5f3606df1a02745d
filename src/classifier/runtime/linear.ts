/** The shared shape of both trained models: one weight per (feature, label) plus a bias per label. */
import type { SparseVector } from './vectorizer.js';

/** Linear scores s_c = bias_c + sum_f x_f * W[f, c]; weights are stored feature-major (f * L + c). */
export interface LinearModel {
  numFeatures: number;
  numLabels: number;
  weights: Float64Array | Float32Array;
  bias: Float64Array | Float32Array;
}

/** Raw scores (logits) of every label for one sparse vector. */
export function linearScores(model: LinearModel, x: SparseVector): Float64Array {
  const L = model.numLabels;
  const scores = Float64Array.from(model.bias);
  for (let k = 0; k < x.indices.length; k++) {
    const base = (x.indices[k] as number) * L;
    const v = x.values[k] as number;
    for (let c = 0; c < L; c++) scores[c] = (scores[c] as number) + v * (model.weights[base + c] as number);
  }
  return scores;
}

/** Numerically stable softmax of `scores / temperature`. */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c] as number);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(((scores[c] as number) - max) / temperature);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}

/** Label indices sorted by descending probability (ties by index, so results are deterministic). */
export function rankLabels(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort(
    (a, b) => (probs[b] as number) - (probs[a] as number) || a - b,
  );
}
