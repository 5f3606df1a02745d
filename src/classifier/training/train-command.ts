/** `kanal-aduan train`: retrain on the corpus plus admins' decisions and save a new model version. */
import type { Writable } from 'node:stream';
import { type LabelledExample, loadRules, loadSlang, loadTrainingCorpus } from '../runtime/corpus.js';
import { DEFAULT_REVIEW_THRESHOLD } from '../runtime/inference.js';
import type { SerializedModel } from '../runtime/model-format.js';
import { DEFAULT_PATHS } from '../runtime/paths.js';
import { saveModel } from '../runtime/store.js';
import { createProgress } from './progress.js';
import { DEFAULT_STYLE_TARGETS } from './style-calibration.js';
import { trainModel } from './train.js';

/** Summary of one training run. */
export interface TrainSummary {
  version: string;
  path: string;
  examples: number;
  labels: number;
  seconds: number;
  skippedExtra: number;
}

/**
 * Trains on the corpus plus admins' decisions, saves a new model version and points current.json at it.
 * Progress and the summary go to `progress` (stderr in the CLI), never to stdout.
 */
export async function runTrainCommand(args: {
  corpusDir?: string;
  extraExamples?: readonly { text: string; label: string }[];
  modelDir: string;
  progress: Writable & { isTTY?: boolean };
  slangPath?: string;
  rulesPath?: string;
  /** Lines in citizens' styles; default data/classifier/styles, or none when a corpus directory is given. */
  stylesDir?: string | null;
}): Promise<TrainSummary> {
  const started = performance.now();
  const stylesDir = args.stylesDir !== undefined ? args.stylesDir : args.corpusDir ? null : DEFAULT_PATHS.styles();
  const corpus = loadTrainingCorpus(args.corpusDir ?? DEFAULT_PATHS.corpus(), stylesDir);
  const extra: LabelledExample[] = [];
  let skippedExtra = 0;
  for (const example of args.extraExamples ?? []) {
    const text = typeof example.text === 'string' ? example.text.trim() : '';
    const label = typeof example.label === 'string' ? example.label.trim() : '';
    if (text && label) extra.push({ text, label });
    else skippedExtra++;
  }
  const examples = [...corpus, ...extra];
  const bar = createProgress(args.progress, 'train');
  const slang = loadSlang(args.slangPath);
  const model = trainModel(examples, {
    slang: slang.entries,
    concepts: slang.concepts,
    rules: loadRules(args.rulesPath).config,
    onProgress: (done, total, stage) => bar.update(done / total, stage),
  });
  bar.done();
  const path = saveModel(args.modelDir, model);
  const summary: TrainSummary = {
    version: model.version,
    path,
    examples: examples.length,
    labels: model.labels.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    skippedExtra,
  };
  args.progress.write(formatTrainSummary(summary, corpus.length, extra.length, model));
  return summary;
}

/** The lines `kanal-aduan train` prints after training. */
function formatTrainSummary(summary: TrainSummary, corpus: number, extra: number, model: SerializedModel): string {
  const cv = model.training.crossValidation;
  const styles = Object.entries(model.styleTemperatures ?? {})
    .map(([style, t]) => `${style} ${t}`)
    .join(', ');
  const head =
    `trained ${summary.version}: ${summary.examples} examples (${corpus} corpus + ${extra} admin decisions` +
    `${summary.skippedExtra ? `, ${summary.skippedExtra} skipped` : ''}), ${summary.labels} labels, ${summary.seconds} s\n`;
  const quality = cv
    ? `cross-validated (${cv.folds} folds): accuracy ${cv.accuracy}, macro-F1 ${cv.macroF1}; on citizen-style lines ` +
      `at the default threshold ${DEFAULT_REVIEW_THRESHOLD}, ${(cv.reviewRate * 100).toFixed(1)}% go to review and ` +
      `${(cv.accuracyNotReviewed * 100).toFixed(1)}% of the rest are right (${DEFAULT_STYLE_TARGETS.minAccuracy * 100}% ` +
      `from threshold ${cv.threshold}); chatter threshold ${model.chatterThreshold ?? '-'}\n` +
      `temperature per writing style: ${styles || '-'} (fallback ${model.temperature})\n`
    : '';
  return `${head}${quality}saved ${summary.path}\n`;
}
