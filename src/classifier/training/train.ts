/** Training: style augmentation -> features -> linear model, with style-aware out-of-fold calibration. */
import { createHash } from 'node:crypto';
import { stemConcepts } from '../runtime/concepts.js';
import type { LabelledExample } from '../runtime/corpus.js';
import type { DocFeatures, FeatureConfig } from '../runtime/features.js';
import type { SerializedModel } from '../runtime/model-format.js';
import type { PreprocessConfig } from '../runtime/preprocess.js';
import type { RulesConfig } from '../runtime/rules.js';
import { augmentExamples, DEFAULT_AUGMENT } from './augment.js';
import type { ThresholdTargets } from './calibration.js';
import {
  DEFAULT_LEARNER,
  type FittedLinear,
  featurize,
  fitLinear,
  type LearnerOptions,
  outOfFoldLogits,
} from './fit.js';
import { type Calibrated, calibrateOutOfFold, writingStyles } from './oof-calibration.js';
import { groupedStratifiedFolds } from './rng.js';
import { DEFAULT_STYLE_TARGETS, type StyleTargets } from './style-calibration.js';

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

/** Everything a training run works on, prepared once. */
interface TrainingSet {
  learner: LearnerOptions;
  features: FeatureConfig;
  pre: PreprocessConfig;
  /** The examples followed by their augmented variants, each with a group. */
  all: LabelledExample[];
  labels: string[];
  ys: number[];
  neutralLabel: number;
  docs: DocFeatures[];
  folds: number;
  seed: number;
}

function prepareTrainingSet(examples: readonly LabelledExample[], options: TrainOptions): TrainingSet {
  const features = options.features ?? DEFAULT_FEATURES;
  const pre: PreprocessConfig = { slang: options.slang, maxChars: options.maxChars ?? DEFAULT_MAX_CHARS };
  if (features.concepts && options.concepts) pre.concepts = stemConcepts(options.concepts, options.slang);
  if (options.framing ?? true) pre.framing = true;
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
  const docs = featurize(
    all.map((e) => e.text),
    pre,
    features,
  );
  const learner: LearnerOptions = { ...DEFAULT_LEARNER, ...pickLearner(options) };
  const neutralLabel = labelIndex.get(chatterLabel) ?? -1;
  return { learner, features, pre, all, labels, ys, neutralLabel, docs, folds: options.calibrationFolds ?? 5, seed };
}

/** Calibration from grouped out-of-fold predictions, or none when the data is too small for folds. */
function crossValidatedCalibration(
  set: TrainingSet,
  options: TrainOptions,
  progress: (done: number, stage: string) => void,
): Calibrated {
  const { all, ys, labels, folds, seed, neutralLabel } = set;
  const assignment = groupedStratifiedFolds(
    all.map((e) => e.label),
    all.map((e) => e.group ?? ''),
    folds,
    seed,
  );
  const oof = outOfFoldLogits(set.docs, ys, labels.length, set.learner, {
    folds,
    seed,
    assignment,
    neutralLabel,
    onFold: (fold) => progress(fold + 1, 'cross-validation'),
  });
  const styles = writingStyles(
    all.map((e) => e.text),
    set.pre,
  );
  const targets = options.styleTargets ?? DEFAULT_STYLE_TARGETS;
  const calibrated = calibrateOutOfFold(oof, all, styles, ys, labels, neutralLabel, targets);
  if (calibrated.crossValidation) calibrated.crossValidation.folds = folds;
  return calibrated;
}

const canCalibrate = (set: TrainingSet): boolean =>
  set.folds >= 2 && set.labels.every((_, label) => set.ys.filter((y) => y === label).length >= 2);

/** Trains a complete, serialisable model (deterministic for the same examples, options and seed). */
export function trainModel(examples: readonly LabelledExample[], options: TrainOptions): SerializedModel {
  const started = performance.now();
  const set = prepareTrainingSet(examples, options);
  const calibrateIt = canCalibrate(set);
  const steps = (calibrateIt ? set.folds : 0) + 1;
  const progress = (done: number, stage: string) => options.onProgress?.(done, steps, stage);
  progress(0, 'features');
  const calibrated: Calibrated = calibrateIt
    ? crossValidatedCalibration(set, options, progress)
    : { temperature: 1, recommendedThreshold: 0.6, crossValidation: null };
  const fitted = fitLinear(set.docs, set.ys, set.labels.length, set.learner, set.neutralLabel);
  progress(steps, 'done');
  return serializeModel(set, fitted, calibrated, options, (performance.now() - started) / 1000);
}

function serializeModel(
  set: TrainingSet,
  fitted: FittedLinear,
  calibrated: Calibrated,
  options: TrainOptions,
  seconds: number,
): SerializedModel {
  const { labels, ys, learner, features } = set;
  const body: Omit<SerializedModel, 'version'> = {
    format: 'kanal-aduan-classifier',
    formatVersion: 1,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    algorithm: learner.algorithm,
    labels,
    preprocess: set.pre,
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
      examples: set.all.length,
      labelCounts: Object.fromEntries(labels.map((l, i) => [l, ys.filter((y) => y === i).length])),
      seconds: round(seconds, 2),
      hyperparameters: { ...learner, features: JSON.stringify(features), calibrationFolds: set.folds, seed: set.seed },
      crossValidation: calibrated.crossValidation,
    },
  };
  const unstamped = { ...body, createdAt: '', training: { ...body.training, seconds: 0 } };
  return { ...body, version: versionOf(unstamped, options.now?.() ?? new Date()) };
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
