/** Fitting the linear model: featurise, build the vocabulary, train, and score out of fold. */
import { compileConcepts } from '../runtime/concepts.js';
import { type DocFeatures, extractFeatures, type FeatureConfig, MARKER_PREFIX } from '../runtime/features.js';
import { type LinearModel, linearScores } from '../runtime/linear.js';
import type { Algorithm } from '../runtime/model-format.js';
import { weightingFor } from '../runtime/model-format.js';
import { type PreprocessConfig, preprocessDetailed } from '../runtime/preprocess.js';
import { buildVocabulary, type Vocabulary, vectorize } from '../runtime/vectorizer.js';
import { trainNaiveBayes } from './naive-bayes.js';
import { stratifiedFolds } from './rng.js';
import { trainSoftmax } from './softmax.js';

/** Learner settings shared by cross-validation and the final fit. */
export interface LearnerOptions {
  algorithm: Algorithm;
  /** L2 strength of the softmax model. */
  l2: number;
  /** Smoothing of naive Bayes. */
  alpha: number;
  /** Minimum number of training documents a feature must appear in. */
  minDf: number;
  /** Weight of concept features relative to word features (folded into their idf). */
  conceptBoost: number;
  maxIterations: number;
}

/** Defaults chosen by 5-fold cross-validation on the training corpus (see docs/classifier.md). */
export const DEFAULT_LEARNER: LearnerOptions = {
  algorithm: 'softmax',
  l2: 1e-4,
  alpha: 1,
  minDf: 2,
  conceptBoost: 1,
  maxIterations: 300,
};

/** A fitted vocabulary plus linear model. */
export interface FittedLinear {
  vocabulary: Vocabulary;
  linear: LinearModel;
}

/** Preprocesses and featurises texts. */
export function featurize(texts: readonly string[], pre: PreprocessConfig, features: FeatureConfig): DocFeatures[] {
  const conceptIndex = pre.concepts ? compileConcepts(pre.concepts) : undefined;
  return texts.map((text) => {
    const { tokens, origins } = preprocessDetailed(text, pre);
    return extractFeatures(tokens, features, { origins, conceptIndex });
  });
}

/**
 * Makes framing markers (greetings, thanks, honorifics, requests, landmarks) neutral between topics: for
 * each marker feature the weights of all labels except `neutralLabel` (the not-a-complaint label) are
 * replaced by their mean. A marker can then only move probability between "complaint" and "not a
 * complaint", never between agencies ("mohon dibantu" is not social aid, "Ibu Walikota" not DP3AP2KB).
 */
export function neutraliseMarkers(fitted: FittedLinear, neutralLabel: number): void {
  const { linear, vocabulary } = fitted;
  const L = linear.numLabels;
  vocabulary.names.forEach((name, f) => {
    if (!name.startsWith(MARKER_PREFIX)) return;
    const base = f * L;
    let mean = 0;
    for (let c = 0; c < L; c++) if (c !== neutralLabel) mean += linear.weights[base + c] as number;
    mean /= Math.max(1, L - (neutralLabel >= 0 && neutralLabel < L ? 1 : 0));
    for (let c = 0; c < L; c++) if (c !== neutralLabel) linear.weights[base + c] = mean;
  });
}

/** Fits vocabulary and weights on featurised documents; markers are neutralised when `neutralLabel` is set. */
export function fitLinear(
  docs: readonly DocFeatures[],
  ys: readonly number[],
  numLabels: number,
  opts: LearnerOptions,
  neutralLabel?: number,
): FittedLinear {
  const vocabulary = buildVocabulary(
    docs.map((d) => d.counts),
    opts.minDf,
    { 'k:': opts.conceptBoost },
  );
  const weighting = weightingFor(opts.algorithm);
  const xs = docs.map((d) => vectorize(d.counts, vocabulary, weighting));
  const linear =
    opts.algorithm === 'naive-bayes'
      ? trainNaiveBayes(xs, ys, numLabels, vocabulary.names.length, { alpha: opts.alpha, uniformPrior: true })
      : trainSoftmax(xs, ys, numLabels, vocabulary.names.length, { l2: opts.l2, maxIterations: opts.maxIterations });
  const fitted = { vocabulary, linear };
  if (neutralLabel !== undefined) neutraliseMarkers(fitted, neutralLabel);
  return fitted;
}

/** Raw logits of a fitted model for featurised documents. */
export function predictLogits(
  fitted: FittedLinear,
  docs: readonly DocFeatures[],
  algorithm: Algorithm,
): Float64Array[] {
  const weighting = weightingFor(algorithm);
  return docs.map((d) => linearScores(fitted.linear, vectorize(d.counts, fitted.vocabulary, weighting)));
}

/** How `outOfFoldLogits` splits the data. */
export interface FoldPlan {
  folds: number;
  seed: number;
  /** Precomputed fold of each document (e.g. grouped folds); default: stratified by label. */
  assignment?: readonly number[];
  /** See `fitLinear`. */
  neutralLabel?: number;
  onFold?: (fold: number) => void;
}

/** Out-of-fold logits: each document is scored by a model that never saw it (nor any of its group). */
export function outOfFoldLogits(
  docs: readonly DocFeatures[],
  ys: readonly number[],
  numLabels: number,
  opts: LearnerOptions,
  plan: FoldPlan,
): Float64Array[] {
  const assignment =
    plan.assignment ??
    stratifiedFolds(
      ys.map((y) => String(y)),
      plan.folds,
      plan.seed,
    );
  const logits = new Array<Float64Array>(docs.length);
  for (let fold = 0; fold < plan.folds; fold++) {
    const train = docs.flatMap((_, i) => (assignment[i] === fold ? [] : [i]));
    const test = docs.flatMap((_, i) => (assignment[i] === fold ? [i] : []));
    const fitted = fitLinear(
      train.map((i) => docs[i] as DocFeatures),
      train.map((i) => ys[i] as number),
      numLabels,
      opts,
      plan.neutralLabel,
    );
    const scored = predictLogits(
      fitted,
      test.map((i) => docs[i] as DocFeatures),
      opts.algorithm,
    );
    test.forEach((docIndex, k) => {
      logits[docIndex] = scored[k] as Float64Array;
    });
    plan.onFold?.(fold);
  }
  return logits;
}
