/**
 * `kanal-aduan calibrate`: re-fits the current model's confidence (temperature) and its review and chatter
 * thresholds on the city's own admin decisions, without retraining the weights. Only decisions made after
 * the model was trained are used: the model never saw them, so they are honest out-of-sample evidence of
 * how it behaves on this city's real traffic.
 */
import type { Writable } from 'node:stream';
import { compileConcepts } from '../runtime/concepts.js';
import type { LabelledExample } from '../runtime/corpus.js';
import { extractFeatures } from '../runtime/features.js';
import { linearScores } from '../runtime/linear.js';
import { compileModel, type SerializedModel } from '../runtime/model-format.js';
import { preprocessDetailed } from '../runtime/preprocess.js';
import { currentModelPath, loadModelFile, saveModel } from '../runtime/store.js';
import { detectStyle } from '../runtime/style.js';
import { vectorize } from '../runtime/vectorizer.js';
import { calibrateOnStyles, calibrationFields, DEFAULT_STYLE_TARGETS } from './style-calibration.js';

/** An admin decision: the text and the label the admin chose, with when it was decided. */
export interface AdminDecision {
  text: string;
  label: string;
  createdAt: Date;
}

/** What `runCalibrateCommand` did. */
export interface CalibrateSummary {
  used: number;
  skipped: number;
  temperature: number;
  threshold: number;
  chatterThreshold: number;
  path: string;
}

/** Fewest usable decisions for a re-fit; below this the old calibration is kept. */
export const MIN_CALIBRATION_DECISIONS = 30;

/** Raw logits of `model` for each text (before temperature) and its writing style, as inference computes them. */
export function rawLogits(model: SerializedModel, texts: readonly string[]): { logits: Float64Array; style: string }[] {
  const compiled = compileModel(model);
  const conceptIndex = model.preprocess.concepts ? compileConcepts(model.preprocess.concepts) : undefined;
  return texts.map((text) => {
    const { tokens, origins } = preprocessDetailed(text, model.preprocess);
    const doc = extractFeatures(tokens, model.features, { origins, conceptIndex });
    return {
      logits: linearScores(compiled.linear, vectorize(doc.counts, compiled.vocabulary, compiled.weighting)),
      style: detectStyle(text, tokens, origins, model.preprocess.maxChars),
    };
  });
}

const styleList = (temperatures: Record<string, number>): string =>
  Object.entries(temperatures)
    .map(([style, t]) => `${style} ${t}`)
    .join(', ');

/** Usable decisions: made after the model was trained, with a label the model knows. */
export function usableDecisions(model: SerializedModel, decisions: readonly AdminDecision[]): LabelledExample[] {
  const trainedAt = Date.parse(model.createdAt);
  const known = new Set(model.labels);
  return decisions
    .filter((d) => d.createdAt.getTime() > trainedAt && known.has(d.label) && d.text.trim() !== '')
    .map((d) => ({ text: d.text, label: d.label, style: 'admin' }));
}

/**
 * Re-fits temperature and thresholds of the current model in `modelDir` on admin decisions and saves the
 * result as a new model version (same weights). Throws when there are too few usable decisions.
 */
export function runCalibrateCommand(args: {
  modelDir: string;
  decisions: readonly AdminDecision[];
  progress: Writable;
  now?: () => Date;
}): CalibrateSummary {
  const model = loadModelFile(currentModelPath(args.modelDir));
  const usable = usableDecisions(model, args.decisions);
  if (usable.length < MIN_CALIBRATION_DECISIONS) {
    throw new Error(
      `calibrate needs at least ${MIN_CALIBRATION_DECISIONS} admin decisions made after the model was trained ` +
        `(${model.createdAt}); found ${usable.length}. Keep reviewing and run it again later.`,
    );
  }
  const labelIndex = new Map(model.labels.map((label, i) => [label, i]));
  const chatter = labelIndex.get(model.rules.emergency.blockedLabel) ?? -1;
  const scored = rawLogits(
    model,
    usable.map((e) => e.text),
  );
  // Every decision is the city's own evidence: the fallback temperature is fitted on all of them, and a
  // writing style with enough decisions gets its own.
  const fit = calibrateOnStyles(
    usable.map((e, i) => ({
      logits: scored[i]?.logits as Float64Array,
      y: labelIndex.get(e.label) as number,
      source: 'admin',
      style: scored[i]?.style ?? 'plain',
    })),
    chatter,
    DEFAULT_STYLE_TARGETS,
    1,
  );
  const now = args.now?.() ?? new Date();
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const calibrated: SerializedModel = {
    ...model,
    version: `${stamp}-cal-${model.version.split('-').at(-1) ?? ''}`,
    ...calibrationFields(fit),
  };
  const path = saveModel(args.modelDir, calibrated);
  const summary = {
    used: usable.length,
    skipped: args.decisions.length - usable.length,
    temperature: calibrated.temperature,
    threshold: fit.threshold,
    chatterThreshold: fit.chatterThreshold,
    path,
  };
  args.progress.write(
    `calibrated ${calibrated.version} on ${summary.used} admin decisions (${summary.skipped} older or unknown skipped): ` +
      `temperature ${summary.temperature} (per style: ${styleList(fit.styleTemperatures)}), chatter threshold ${summary.chatterThreshold}\n` +
      `recommended CLASSIFIER_REVIEW_THRESHOLD=${summary.threshold} (>= ${DEFAULT_STYLE_TARGETS.minAccuracy * 100}% ` +
      `of unreviewed suggestions right on these decisions)\nsaved ${path}\n`,
  );
  return summary;
}
