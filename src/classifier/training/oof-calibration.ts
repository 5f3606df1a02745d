/** Calibration of a training run from its out-of-fold logits, per detected writing style. */
import { macroF1 } from '../evaluation/metrics.js';
import { DEFAULT_STYLE, type LabelledExample } from '../runtime/corpus.js';
import { rankLabels, softmax } from '../runtime/linear.js';
import type { SerializedModel } from '../runtime/model-format.js';
import { type PreprocessConfig, preprocessDetailed } from '../runtime/preprocess.js';
import { detectStyle } from '../runtime/style.js';
import {
  type CalibrationFields,
  calibrateOnStyles,
  calibrationFields,
  type StyleTargets,
} from './style-calibration.js';

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

/** What calibration stores in the model. */
export type Calibrated = CalibrationFields & {
  crossValidation: SerializedModel['training']['crossValidation'];
};

/** The writing style detected in each text (runtime/style.ts), exactly as inference will see it. */
export function writingStyles(texts: readonly string[], pre: PreprocessConfig): string[] {
  return texts.map((text) => {
    const { tokens, origins } = preprocessDetailed(text, pre);
    return detectStyle(text, tokens, origins, pre.maxChars);
  });
}

/**
 * Calibration from out-of-fold logits: per-style temperatures, thresholds, the per-source and per-style
 * reports, and the cross-validation summary over the un-augmented lines.
 */
export function calibrateOutOfFold(
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
    round4(citizen.reduce((sum, r) => sum + r[key] * r.count, 0) / Math.max(1, count));
  return {
    ...calibrationFields(fit),
    crossValidation: {
      folds: 0,
      accuracy: round4(predictions.filter((p) => p.label === p.predicted).length / Math.max(1, own.length)),
      macroF1: round4(macroF1(predictions)),
      threshold: fit.threshold,
      reviewRate: mean('reviewRate'),
      accuracyNotReviewed: mean('accuracyNotReviewed'),
    },
  };
}
