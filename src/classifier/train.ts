/** Training: features -> vocabulary -> linear model, with out-of-fold calibration and threshold choice. */
import { createHash } from 'node:crypto';
import { chooseThreshold, fitTemperature, type ThresholdTargets } from './calibration.js';
import { compileConcepts, stemConcepts } from './concepts.js';
import type { LabelledExample } from './corpus.js';
import { type DocFeatures, extractFeatures, type FeatureConfig } from './features.js';
import { type LinearModel, linearScores, rankLabels, softmax } from './linear.js';
import { macroF1 } from './metrics.js';
import type { Algorithm, SerializedModel } from './model-format.js';
import { weightingFor } from './model-format.js';
import { trainNaiveBayes } from './naive-bayes.js';
import { type PreprocessConfig, preprocess } from './preprocess.js';
import { stratifiedFolds } from './rng.js';
import type { RulesConfig } from './rules.js';
import { trainSoftmax } from './softmax.js';
import { buildVocabulary, type Vocabulary, vectorize } from './vectorizer.js';

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

/** Options of `trainModel`; everything but slang and rules has a measured default. */
export interface TrainOptions extends Partial<LearnerOptions> {
  slang: Record<string, string>;
  /** Domain synonym groups (slang.json "concepts"); used when `features.concepts` is on. */
  concepts?: Record<string, string[]>;
  rules: RulesConfig;
  features?: FeatureConfig;
  maxChars?: number;
  /** Folds for out-of-fold calibration; 0 or 1 skips calibration (temperature 1). */
  calibrationFolds?: number;
  seed?: number;
  thresholdTargets?: ThresholdTargets;
  onProgress?: (done: number, total: number, stage: string) => void;
  now?: () => Date;
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

/** Default feature families (see the comparison in docs/classifier.md). */
export const DEFAULT_FEATURES: FeatureConfig = { stems: true, bigrams: false, charNgrams: null, concepts: true };

/** Default number of characters read from a message. */
export const DEFAULT_MAX_CHARS = 2000;

/** Product targets the recommended threshold aims for: >= 97% right when not reviewed, <= 25% reviewed. */
export const DEFAULT_THRESHOLD_TARGETS: ThresholdTargets = { minAccuracy: 0.97, maxReviewRate: 0.25 };

/** A fitted vocabulary plus linear model. */
export interface FittedLinear {
  vocabulary: Vocabulary;
  linear: LinearModel;
}

/** Preprocesses and featurises texts. */
export function featurize(texts: readonly string[], pre: PreprocessConfig, features: FeatureConfig): DocFeatures[] {
  const conceptIndex = pre.concepts ? compileConcepts(pre.concepts) : undefined;
  return texts.map((text) => extractFeatures(preprocess(text, pre), features, { conceptIndex }));
}

/** Fits vocabulary and weights on featurised documents. */
export function fitLinear(
  docs: readonly DocFeatures[],
  ys: readonly number[],
  numLabels: number,
  opts: LearnerOptions,
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
  return { vocabulary, linear };
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

/** Out-of-fold logits: each document is scored by a model that never saw it. */
export function outOfFoldLogits(
  docs: readonly DocFeatures[],
  ys: readonly number[],
  numLabels: number,
  opts: LearnerOptions,
  folds: number,
  seed: number,
  onFold?: (fold: number) => void,
): Float64Array[] {
  const assignment = stratifiedFolds(
    ys.map((y) => String(y)),
    folds,
    seed,
  );
  const logits = new Array<Float64Array>(docs.length);
  for (let fold = 0; fold < folds; fold++) {
    const train = docs.flatMap((_, i) => (assignment[i] === fold ? [] : [i]));
    const test = docs.flatMap((_, i) => (assignment[i] === fold ? [i] : []));
    const fitted = fitLinear(
      train.map((i) => docs[i] as DocFeatures),
      train.map((i) => ys[i] as number),
      numLabels,
      opts,
    );
    const scored = predictLogits(
      fitted,
      test.map((i) => docs[i] as DocFeatures),
      opts.algorithm,
    );
    test.forEach((docIndex, k) => {
      logits[docIndex] = scored[k] as Float64Array;
    });
    onFold?.(fold);
  }
  return logits;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function versionOf(model: Omit<SerializedModel, 'version'>, now: Date): string {
  const hash = createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 8);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${hash}`;
}

/** Trains a complete, serialisable model (deterministic for the same examples, options and seed). */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions): SerializedModel {
  const started = performance.now();
  const learner: LearnerOptions = { ...DEFAULT_LEARNER, ...pickLearner(options) };
  const features = options.features ?? DEFAULT_FEATURES;
  const pre: PreprocessConfig = { slang: options.slang, maxChars: options.maxChars ?? DEFAULT_MAX_CHARS };
  if (features.concepts && options.concepts) pre.concepts = stemConcepts(options.concepts, options.slang);
  const folds = options.calibrationFolds ?? 5;
  const seed = options.seed ?? 42;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error('training needs at least two labels');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const ys = examples.map((e) => labelIndex.get(e.label) as number);
  const docs = featurize(
    examples.map((e) => e.text),
    pre,
    features,
  );
  const calibrate = folds >= 2 && Math.min(...labels.map((l) => ys.filter((y) => y === labelIndex.get(l)).length)) >= 2;
  const steps = (calibrate ? folds : 0) + 1;
  const progress = (done: number, stage: string) => options.onProgress?.(done, steps, stage);
  progress(0, 'features');

  let temperature = 1;
  let crossValidation: SerializedModel['training']['crossValidation'] = null;
  let recommendedThreshold = 0.6;
  if (calibrate) {
    const oof = outOfFoldLogits(docs, ys, labels.length, learner, folds, seed, (fold) =>
      progress(fold + 1, 'cross-validation'),
    );
    temperature = fitTemperature(oof, ys);
    const probs = oof.map((scores) => softmax(scores, temperature));
    const top = probs.map((p) => rankLabels(p)[0] as number);
    const confidences = probs.map((p, i) => p[top[i] as number] as number);
    const correct = top.map((t, i) => t === ys[i]);
    const choice = chooseThreshold(confidences, correct, options.thresholdTargets ?? DEFAULT_THRESHOLD_TARGETS);
    recommendedThreshold = choice.threshold;
    crossValidation = {
      folds,
      accuracy: round(correct.filter(Boolean).length / correct.length, 4),
      macroF1: round(
        macroF1(
          top.map((t, i) => ({ label: labels[ys[i] as number] ?? '', predicted: labels[t] ?? '', confidence: 0 })),
        ),
        4,
      ),
      threshold: choice.threshold,
      reviewRate: round(choice.reviewRate, 4),
      accuracyNotReviewed: round(choice.accuracyNotReviewed, 4),
    };
  }

  const fitted = fitLinear(docs, ys, labels.length, learner);
  progress(steps, 'done');
  const body: Omit<SerializedModel, 'version'> = {
    format: 'kanal-aduan-classifier',
    formatVersion: 1,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    algorithm: learner.algorithm,
    labels,
    preprocess: pre,
    features,
    vocabulary: fitted.vocabulary.names,
    idf: Array.from(fitted.vocabulary.idf, (v) => round(v, 5)),
    // 4 decimals keeps the file small; the rounding error is far below the weights' own noise.
    weights: Array.from(fitted.linear.weights, (w) => round(w, 4)),
    bias: Array.from(fitted.linear.bias, (b) => round(b, 5)),
    temperature: round(temperature, 5),
    recommendedThreshold,
    rules: options.rules,
    training: {
      examples: examples.length,
      labelCounts: Object.fromEntries(labels.map((l, i) => [l, ys.filter((y) => y === i).length])),
      seconds: round((performance.now() - started) / 1000, 2),
      hyperparameters: { ...learner, features: JSON.stringify(features), calibrationFolds: folds, seed },
      crossValidation,
    },
  };
  return {
    ...body,
    version: versionOf(
      { ...body, createdAt: '', training: { ...body.training, seconds: 0 } },
      options.now?.() ?? new Date(),
    ),
  };
}

function pickLearner(options: TrainOptions): Partial<LearnerOptions> {
  const picked: Partial<LearnerOptions> = {};
  if (options.algorithm !== undefined) picked.algorithm = options.algorithm;
  if (options.l2 !== undefined) picked.l2 = options.l2;
  if (options.alpha !== undefined) picked.alpha = options.alpha;
  if (options.minDf !== undefined) picked.minDf = options.minDf;
  if (options.conceptBoost !== undefined) picked.conceptBoost = options.conceptBoost;
  if (options.maxIterations !== undefined) picked.maxIterations = options.maxIterations;
  return picked;
}
