/** The serialisable model file format, its validation, and its compiled (ready-to-score) form. */
import { z } from 'zod';
import { type ConceptIndex, compileConcepts } from './concepts.js';
import type { FeatureConfig } from './features.js';
import type { LinearModel } from './linear.js';
import type { PreprocessConfig } from './preprocess.js';
import { type CompiledRules, compileRules, type RulesConfig, rulesSchema } from './rules.js';
import { restoreVocabulary, type Vocabulary, type Weighting } from './vectorizer.js';

/** Which learner produced the weights. */
export type Algorithm = 'softmax' | 'naive-bayes';

/** Cross-validated quality recorded at training time (out-of-fold predictions on the training corpus). */
export interface CrossValidationSummary {
  folds: number;
  accuracy: number;
  macroF1: number;
  threshold: number;
  reviewRate: number;
  accuracyNotReviewed: number;
}

/** Out-of-fold quality of one writing style (corpus, letter, chat, tweet, ...) at the chosen thresholds. */
export interface StyleReportRow {
  style: string;
  count: number;
  accuracy: number;
  reviewRate: number;
  accuracyNotReviewed: number;
  ece: number;
}

/** Calibration of one detected writing style (runtime/style.ts), fitted on out-of-fold predictions. */
export interface StyleCalibrationRow {
  style: string;
  /** Out-of-fold lines of this style (augmented copies not counted). */
  lines: number;
  /** Of those, lines written in citizens' styles (letters, chats, tweets... rather than the corpus). */
  citizenLines: number;
  temperature: number;
  /** False when there were too few lines: the style then uses the fallback temperature. */
  fitted: boolean;
  accuracy: number;
  /** At the default review threshold. */
  reviewRate: number;
  accuracyNotReviewed: number;
  ece: number;
}

/** Everything needed to classify, as plain JSON. Version 1 of the format. */
export interface SerializedModel {
  format: 'kanal-aduan-classifier';
  formatVersion: 1;
  version: string;
  createdAt: string;
  algorithm: Algorithm;
  labels: string[];
  preprocess: PreprocessConfig;
  features: FeatureConfig;
  vocabulary: string[];
  idf: number[];
  /** Feature-major weights: weights[f * labels.length + c]. */
  weights: number[];
  bias: number[];
  /** Temperature fitted on out-of-fold logits; probabilities are softmax(logits / temperature). */
  temperature: number;
  /**
   * Temperature per detected writing style (runtime/style.ts); a style not listed uses `temperature`, the
   * fallback fitted on the citizen-style lines.
   */
  styleTemperatures?: Record<string, number>;
  /** How each writing style was calibrated and how it scores out of fold. */
  styleCalibration?: StyleCalibrationRow[];
  /** Review threshold chosen on out-of-fold predictions (callers may pass their own). */
  recommendedThreshold: number;
  /** P(BUKAN_ADUAN) from which a message is dismissed as chatter without review (absent in older models). */
  chatterThreshold?: number;
  /** Known content words needed before a suggestion may skip review (absent in older models). */
  minContentWords?: number;
  /** Out-of-fold quality per writing style, measured when the temperature was fitted. */
  styleReport?: StyleReportRow[];
  /** Out-of-fold trade-off on the citizen-style lines: review rate and accuracy of the rest per threshold. */
  styleTradeoff?: { threshold: number; reviewRate: number; accuracyNotReviewed: number }[];
  rules: RulesConfig;
  training: {
    examples: number;
    labelCounts: Record<string, number>;
    seconds: number;
    hyperparameters: Record<string, number | string | boolean>;
    crossValidation: CrossValidationSummary | null;
  };
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const modelSchema = z
  .object({
    format: z.literal('kanal-aduan-classifier'),
    formatVersion: z.literal(1),
    version: z.string().min(1),
    createdAt: z.string(),
    algorithm: z.enum(['softmax', 'naive-bayes']),
    labels: z.array(z.string().min(1)).min(1),
    preprocess: z.object({
      slang: z.record(z.string(), z.string()),
      maxChars: z.number().int().positive(),
      concepts: z.record(z.string(), z.array(z.string())).optional(),
      framing: z.boolean().optional(),
    }),
    features: z.object({
      stems: z.boolean(),
      bigrams: z.boolean(),
      concepts: z.boolean().optional(),
      charNgrams: z.tuple([z.number().int().positive(), z.number().int().positive()]).nullable(),
    }),
    // The big arrays are checked by hand in superRefine: a per-element schema on ~10^5 values (and the
    // copy zod makes of each array) would cost hundreds of milliseconds at every model load.
    vocabulary: z.custom<string[]>(Array.isArray, 'must be an array'),
    idf: z.custom<number[]>(Array.isArray, 'must be an array'),
    weights: z.custom<number[]>(Array.isArray, 'must be an array'),
    bias: z.array(finite),
    temperature: finite.refine((t) => t > 0, 'must be positive'),
    styleTemperatures: z
      .record(
        z.string(),
        finite.refine((t) => t > 0, 'must be positive'),
      )
      .optional(),
    styleCalibration: z
      .array(
        z.object({
          style: z.string(),
          lines: z.number(),
          citizenLines: z.number(),
          temperature: z.number(),
          fitted: z.boolean(),
          accuracy: z.number(),
          reviewRate: z.number(),
          accuracyNotReviewed: z.number(),
          ece: z.number(),
        }),
      )
      .optional(),
    recommendedThreshold: z.number().min(0).max(1),
    chatterThreshold: z.number().min(0).max(1).optional(),
    minContentWords: z.number().int().min(0).optional(),
    styleReport: z
      .array(
        z.object({
          style: z.string(),
          count: z.number(),
          accuracy: z.number(),
          reviewRate: z.number(),
          accuracyNotReviewed: z.number(),
          ece: z.number(),
        }),
      )
      .optional(),
    styleTradeoff: z
      .array(z.object({ threshold: z.number(), reviewRate: z.number(), accuracyNotReviewed: z.number() }))
      .optional(),
    rules: rulesSchema,
    training: z.object({
      examples: z.number(),
      labelCounts: z.record(z.string(), z.number()),
      seconds: z.number(),
      hyperparameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
      crossValidation: z
        .object({
          folds: z.number(),
          accuracy: z.number(),
          macroF1: z.number(),
          threshold: z.number(),
          reviewRate: z.number(),
          accuracyNotReviewed: z.number(),
        })
        .nullable(),
    }),
  })
  .superRefine((model, ctx) => {
    const L = model.labels.length;
    if (model.bias.length !== L) ctx.addIssue({ code: 'custom', message: 'bias length != labels' });
    if (model.idf.length !== model.vocabulary.length)
      ctx.addIssue({ code: 'custom', message: 'idf length != vocabulary' });
    if (model.weights.length !== model.vocabulary.length * L) {
      ctx.addIssue({ code: 'custom', message: 'weights length != vocabulary x labels' });
    } else if (!model.weights.every((w) => typeof w === 'number' && Number.isFinite(w))) {
      ctx.addIssue({ code: 'custom', message: 'weights must be finite numbers' });
    }
  });

/** Validates parsed JSON as a model file; throws an Error describing the first problem. */
export function parseModel(input: unknown): SerializedModel {
  const result = modelSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`invalid model file: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return result.data as SerializedModel;
}

/** A model ready to score: vocabulary index, typed weight arrays and compiled rules. */
export interface CompiledModel {
  serialized: SerializedModel;
  version: string;
  labels: string[];
  labelIndex: Map<string, number>;
  vocabulary: Vocabulary;
  linear: LinearModel;
  weighting: Weighting;
  rules: CompiledRules;
  conceptIndex: ConceptIndex | undefined;
  temperature: number;
  /** Temperature per writing style; styles not in the map use `temperature`. */
  styleTemperatures: ReadonlyMap<string, number>;
}

/** Input weighting each algorithm was trained with. */
export function weightingFor(algorithm: Algorithm): Weighting {
  return algorithm === 'naive-bayes' ? 'counts' : 'tfidf';
}

/** Builds the scoring structures once, at load time. */
export function compileModel(model: SerializedModel): CompiledModel {
  return {
    serialized: model,
    version: model.version,
    labels: model.labels,
    labelIndex: new Map(model.labels.map((label, i) => [label, i])),
    vocabulary: restoreVocabulary(model.vocabulary, model.idf),
    linear: {
      numFeatures: model.vocabulary.length,
      numLabels: model.labels.length,
      weights: Float32Array.from(model.weights),
      bias: Float32Array.from(model.bias),
    },
    weighting: weightingFor(model.algorithm),
    rules: compileRules(model.rules),
    conceptIndex: model.preprocess.concepts ? compileConcepts(model.preprocess.concepts) : undefined,
    temperature: model.temperature,
    styleTemperatures: new Map(Object.entries(model.styleTemperatures ?? {})),
  };
}
