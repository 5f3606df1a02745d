/** Training: style augmentation -> features -> linear model, with style-aware out-of-fold calibration. */
import { createHash } from 'node:crypto';
import { macroF1 } from '../evaluation/metrics.js';
import { stemConcepts } from '../runtime/concepts.js';
import { DEFAULT_STYLE, type LabelledExample } from '../runtime/corpus.js';
import type { FeatureConfig } from '../runtime/features.js';
import { rankLabels, softmax } from '../runtime/linear.js';
import type { SerializedModel } from '../runtime/model-format.js';
import { type PreprocessConfig, preprocessDetailed } from '../runtime/preprocess.js';
import type { RulesConfig } from '../runtime/rules.js';
import { detectStyle } from '../runtime/style.js';
import { augmentExamples, DEFAULT_AUGMENT } from './augment.js';
import type { ThresholdTargets } from './calibration.js';
import { DEFAULT_LEARNER, featurize, fitLinear, type LearnerOptions, outOfFoldLogits } from './fit.js';
import { groupedStratifiedFolds } from './rng.js';
import { calibrateOnStyles, DEFAULT_STYLE_TARGETS, type StyleTargets } from './style-calibration.js';

export { DEFAULT_LEARNER, featurize, fitLinear, type LearnerOptions, outOfFoldLogits } from './fit.js';

/** Options of `trainModel`; everything but slang and rules has a measured default. */
export interface TrainOptions extends Partial<LearnerOptions> {
  slang: Record<string, string>;
  /** Domain synonym groups (slang.json "concepts"); used when `features.concepts` is on. */
  concepts?: Record<string, string[]>;
  rules: RulesConfig;
  features?: FeatureConfig;
  maxChars?: number;
  /** Run the courtesy/letter/landmark stage (default true). */
  framing?: boolean;
  /** Add letter/chat/tweet variants of training texts (default true). */
  augment?: boolean;
  /** Folds for out-of-fold calibration; 0 or 1 skips calibration (temperature 1). */
  calibrationFolds?: number;
  seed?: number;
  /** Kept for callers of the first version; the style targets decide the thresholds now. */
  thresholdTargets?: ThresholdTargets;
  styleTargets?: StyleTargets;
  /** Known content words needed before auto-routing, stored in the model. */
  minContentWords?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  now?: () => Date;
}

/** Default feature families (see the comparison in docs/classifier.md). */
export const DEFAULT_FEATURES: FeatureConfig = { stems: true, bigrams: false, charNgrams: null, concepts: true };

/** Default number of characters read from a message. */
export const DEFAULT_MAX_CHARS = 2000;

/** Targets of the first version's threshold choice on the corpus (>= 97% right, <= 25% reviewed). */
export const DEFAULT_THRESHOLD_TARGETS: ThresholdTargets = { minAccuracy: 0.97, maxReviewRate: 0.25 };

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function versionOf(model: Omit<SerializedModel, 'version'>, now: Date): string {
  const hash = createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 8);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${hash}`;
}

type Calibrated = Pick<
  SerializedModel,
  | 'temperature'
  | 'styleTemperatures'
  | 'styleCalibration'
  | 'recommendedThreshold'
  | 'chatterThreshold'
  | 'styleReport'
  | 'styleTradeoff'
> & {
  crossValidation: SerializedModel['training']['crossValidation'];
};

/** The writing style detected in each text (runtime/style.ts), exactly as inference will see it. */
export function writingStyles(texts: readonly string[], pre: PreprocessConfig): string[] {
  return texts.map((text) => {
    const { tokens, origins } = preprocessDetailed(text, pre);
    return detectStyle(text, tokens, origins, pre.maxChars);
  });
}

function calibrate(
  oof: readonly Float64Array[],
  all: readonly LabelledExample[],
  styles: readonly string[],
  ys: readonly number[],
  labels: readonly string[],
  chatter: number,
  targets: StyleTargets,
): Calibrated {
  const lines = all.map((e, i) => ({
    logits: oof[i] as Float64Array,
    y: ys[i] as number,
    source: e.style ?? DEFAULT_STYLE,
    style: styles[i] as string,
  }));
  const fit = calibrateOnStyles(lines, chatter, targets);
  // Summary over the un-augmented examples only: variants would count each text twice.
  const own = all.flatMap((e, i) => (e.style?.startsWith('aug-') ? [] : [i]));
  const temperatureOf = (i: number) => fit.styleTemperatures[styles[i] as string] ?? fit.temperature;
  const top = own.map((i) => rankLabels(softmax(oof[i] as Float64Array, temperatureOf(i)))[0] as number);
  const predictions = own.map((i, k) => ({
    label: labels[ys[i] as number] ?? '',
    predicted: labels[top[k] as number] ?? '',
    confidence: 0,
  }));
  const citizen = fit.report.filter((r) => fit.fittedOn.includes(r.style));
  const count = citizen.reduce((sum, r) => sum + r.count, 0);
  const mean = (key: 'reviewRate' | 'accuracyNotReviewed') =>
    round(citizen.reduce((sum, r) => sum + r[key] * r.count, 0) / Math.max(1, count), 4);
  return {
    temperature: round(fit.temperature, 5),
    styleTemperatures: fit.styleTemperatures,
    styleCalibration: fit.styles,
    recommendedThreshold: fit.threshold,
    chatterThreshold: fit.chatterThreshold,
    styleReport: fit.report,
    styleTradeoff: fit.tradeoff,
    crossValidation: {
      folds: 0,
      accuracy: round(predictions.filter((p) => p.label === p.predicted).length / Math.max(1, own.length), 4),
      macroF1: round(macroF1(predictions), 4),
      threshold: fit.threshold,
      reviewRate: mean('reviewRate'),
      accuracyNotReviewed: mean('accuracyNotReviewed'),
    },
  };
}

/** Trains a complete, serialisable model (deterministic for the same examples, options and seed). */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions): SerializedModel {
  const started = performance.now();
  const learner: LearnerOptions = { ...DEFAULT_LEARNER, ...pickLearner(options) };
  const features = options.features ?? DEFAULT_FEATURES;
  const pre: PreprocessConfig = { slang: options.slang, maxChars: options.maxChars ?? DEFAULT_MAX_CHARS };
  if (features.concepts && options.concepts) pre.concepts = stemConcepts(options.concepts, options.slang);
  if (options.framing ?? true) pre.framing = true;
  const folds = options.calibrationFolds ?? 5;
  const seed = options.seed ?? 42;
  const chatterLabel = options.rules.emergency.blockedLabel;
  const all =
    (options.augment ?? true)
      ? augmentExamples(examples, { ...DEFAULT_AUGMENT, seed, chatterLabel })
      : examples.map((e, i) => ({ ...e, group: e.group ?? `g${i}` }));
  const labels = [...new Set(all.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error('training needs at least two labels');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const ys = all.map((e) => labelIndex.get(e.label) as number);
  const neutralLabel = labelIndex.get(chatterLabel) ?? -1;
  const docs = featurize(
    all.map((e) => e.text),
    pre,
    features,
  );
  const calibrateIt =
    folds >= 2 && Math.min(...labels.map((l) => ys.filter((y) => y === labelIndex.get(l)).length)) >= 2;
  const steps = (calibrateIt ? folds : 0) + 1;
  const progress = (done: number, stage: string) => options.onProgress?.(done, steps, stage);
  progress(0, 'features');

  let calibrated: Calibrated = {
    temperature: 1,
    recommendedThreshold: 0.6,
    crossValidation: null,
  };
  if (calibrateIt) {
    const assignment = groupedStratifiedFolds(
      all.map((e) => e.label),
      all.map((e) => e.group ?? ''),
      folds,
      seed,
    );
    const oof = outOfFoldLogits(docs, ys, labels.length, learner, {
      folds,
      seed,
      assignment,
      neutralLabel,
      onFold: (fold) => progress(fold + 1, 'cross-validation'),
    });
    const styles = writingStyles(
      all.map((e) => e.text),
      pre,
    );
    calibrated = calibrate(oof, all, styles, ys, labels, neutralLabel, options.styleTargets ?? DEFAULT_STYLE_TARGETS);
    if (calibrated.crossValidation) calibrated.crossValidation.folds = folds;
  }

  const fitted = fitLinear(docs, ys, labels.length, learner, neutralLabel);
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
    temperature: calibrated.temperature,
    ...(calibrated.styleTemperatures ? { styleTemperatures: calibrated.styleTemperatures } : {}),
    ...(calibrated.styleCalibration ? { styleCalibration: calibrated.styleCalibration } : {}),
    recommendedThreshold: calibrated.recommendedThreshold,
    ...(calibrated.chatterThreshold !== undefined ? { chatterThreshold: calibrated.chatterThreshold } : {}),
    ...(options.minContentWords !== undefined ? { minContentWords: options.minContentWords } : {}),
    ...(calibrated.styleReport ? { styleReport: calibrated.styleReport } : {}),
    ...(calibrated.styleTradeoff ? { styleTradeoff: calibrated.styleTradeoff } : {}),
    rules: options.rules,
    training: {
      examples: all.length,
      labelCounts: Object.fromEntries(labels.map((l, i) => [l, ys.filter((y) => y === i).length])),
      seconds: round((performance.now() - started) / 1000, 2),
      hyperparameters: { ...learner, features: JSON.stringify(features), calibrationFolds: folds, seed },
      crossValidation: calibrated.crossValidation,
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
