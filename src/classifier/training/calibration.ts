/** Confidence calibration (temperature scaling) and review-threshold selection from out-of-fold data. */
import { softmax } from '../runtime/linear.js';

/** Mean negative log-likelihood of the true labels at a given temperature. */
export function negativeLogLikelihood(
  logits: readonly ArrayLike<number>[],
  ys: readonly number[],
  temperature: number,
): number {
  let total = 0;
  logits.forEach((scores, n) => {
    const p = softmax(scores, temperature)[ys[n] as number] as number;
    total -= Math.log(Math.max(p, 1e-12));
  });
  return total / Math.max(1, logits.length);
}

/**
 * Fits the temperature T that minimises NLL of softmax(logits / T) (Guo et al. 2017). One parameter, so it
 * cannot overfit the out-of-fold predictions, and it never changes which label ranks first.
 * Golden-section search over log T in [0.1, 10]; NLL is unimodal in T. The lower bound matters when the
 * out-of-fold predictions are all right (tiny or trivial data): NLL then keeps falling as T -> 0 and an
 * unbounded fit would report certainty that a few examples cannot justify.
 */
export function fitTemperature(logits: readonly ArrayLike<number>[], ys: readonly number[]): number {
  if (logits.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.1);
  let hi = Math.log(10);
  const nll = (logT: number): number => negativeLogLikelihood(logits, ys, Math.exp(logT));
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Targets a review threshold must meet. */
export interface ThresholdTargets {
  /** Minimum accuracy of the suggestions that are not sent to review. */
  minAccuracy: number;
  /** Maximum share of messages sent to review. */
  maxReviewRate: number;
}

/** A candidate threshold with what it would do on the given predictions. */
export interface ThresholdChoice {
  threshold: number;
  reviewRate: number;
  accuracyNotReviewed: number;
  meetsTargets: boolean;
}

/** What a threshold does: share sent to review (confidence < t) and accuracy of the rest. */
export function evaluateThreshold(
  confidences: readonly number[],
  correct: readonly boolean[],
  threshold: number,
): ThresholdChoice {
  let kept = 0;
  let keptCorrect = 0;
  confidences.forEach((confidence, i) => {
    if (confidence >= threshold) {
      kept++;
      if (correct[i]) keptCorrect++;
    }
  });
  const reviewRate = confidences.length === 0 ? 0 : 1 - kept / confidences.length;
  const accuracyNotReviewed = kept === 0 ? 1 : keptCorrect / kept;
  return { threshold, reviewRate, accuracyNotReviewed, meetsTargets: false };
}

/**
 * Picks the lowest threshold (on a 0.01 grid) whose non-reviewed accuracy meets the target, so as few
 * messages as possible go to a human. Reports whether the review-rate cap is met too.
 */
export function chooseThreshold(
  confidences: readonly number[],
  correct: readonly boolean[],
  targets: ThresholdTargets,
): ThresholdChoice {
  let last = evaluateThreshold(confidences, correct, 0.99);
  for (let step = 5; step <= 99; step++) {
    const choice = evaluateThreshold(confidences, correct, step / 100);
    last = choice;
    if (choice.accuracyNotReviewed >= targets.minAccuracy) break;
  }
  return {
    ...last,
    meetsTargets: last.accuracyNotReviewed >= targets.minAccuracy && last.reviewRate <= targets.maxReviewRate,
  };
}
