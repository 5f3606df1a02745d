/** Multinomial logistic regression (softmax) with L2, trained full-batch with L-BFGS. */

import type { LinearModel } from '../runtime/linear.js';
import type { SparseVector } from '../runtime/vectorizer.js';
import { minimize } from './lbfgs.js';

/** Training settings. `l2` is the penalty lambda/2 * ||W||^2 added to the mean log-loss. */
export interface SoftmaxOptions {
  l2: number;
  maxIterations: number;
}

/**
 * Adds one example's share of the gradient of the mean cross-entropy to `grad` (weights feature-major, then
 * the biases at the end) and returns its loss. `scores` is scratch space of length L.
 */
function addExampleGradient(
  theta: Float64Array,
  grad: Float64Array,
  x: SparseVector,
  y: number,
  scores: Float64Array,
  N: number,
): number {
  const L = scores.length;
  const nW = theta.length - L;
  for (let c = 0; c < L; c++) scores[c] = theta[nW + c] as number;
  for (let k = 0; k < x.indices.length; k++) {
    const base = (x.indices[k] as number) * L;
    const v = x.values[k] as number;
    for (let c = 0; c < L; c++) scores[c] = (scores[c] as number) + v * (theta[base + c] as number);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < L; c++) max = Math.max(max, scores[c] as number);
  let sum = 0;
  for (let c = 0; c < L; c++) {
    const e = Math.exp((scores[c] as number) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < L; c++) {
    // d loss / d score_c = p_c - [c == y], averaged over the batch.
    const delta = ((scores[c] as number) / sum - (c === y ? 1 : 0)) / N;
    grad[nW + c] = (grad[nW + c] as number) + delta;
    for (let k = 0; k < x.indices.length; k++) {
      const i = (x.indices[k] as number) * L + c;
      grad[i] = (grad[i] as number) + delta * (x.values[k] as number);
    }
  }
  return -Math.log(Math.max((scores[y] as number) / sum, 1e-300));
}

/**
 * Why full-batch L-BFGS rather than SGD: the objective is convex, so L-BFGS reaches the same optimum on
 * every run without a learning-rate schedule or shuffling, and a few thousand short messages make a full
 * pass cheap (nnz * labels multiply-adds). The bias is not penalised.
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  numLabels: number,
  numFeatures: number,
  options: SoftmaxOptions = { l2: 1e-3, maxIterations: 300 },
): LinearModel & { iterations: number } {
  const L = numLabels;
  const nW = numFeatures * L;
  const N = xs.length;
  const scores = new Float64Array(L);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let n = 0; n < N; n++) {
      loss += addExampleGradient(theta, grad, xs[n] as SparseVector, ys[n] as number, scores, N);
    }
    loss /= N;
    let penalty = 0;
    for (let i = 0; i < nW; i++) {
      const w = theta[i] as number;
      penalty += w * w;
      grad[i] = (grad[i] as number) + options.l2 * w;
    }
    return loss + 0.5 * options.l2 * penalty;
  };
  const result = minimize(objective, new Float64Array(nW + L), {
    maxIterations: options.maxIterations,
    gradientTolerance: 1e-5,
    relativeTolerance: 1e-8,
  });
  return {
    numFeatures,
    numLabels: L,
    weights: result.x.slice(0, nW),
    bias: result.x.slice(nW),
    iterations: result.iterations,
  };
}
