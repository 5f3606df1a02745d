/** Stream-based entry points for the app's CLI: classify, train and eval (no process.env, no exit). */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { type LabelledExample, loadRules, loadSlang, loadTrainingCorpus, parseExamples } from './corpus.js';
import { crossValidateClassifier } from './cross-validate.js';
import { formatReport } from './eval-report.js';
import { evaluate } from './metrics.js';
import { DEFAULT_PATHS } from './paths.js';
import { createProgress } from './progress.js';
import { saveModel } from './store.js';
import { trainModel } from './train.js';
import type { Classifier } from './types.js';

const requestSchema = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

async function writeLine(output: Writable, value: unknown): Promise<void> {
  if (!output.write(`${JSON.stringify(value)}\n`)) {
    await new Promise<void>((resolve) => output.once('drain', resolve));
  }
}

/** Reads `{"id","text"}` JSON lines and writes one suggestion (or `{"id":null,"error"}`) per line. */
export async function runClassifyCommand(args: {
  input: Readable;
  output: Writable;
  classifier: Classifier;
}): Promise<void> {
  const lines = createInterface({ input: args.input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      await writeLine(args.output, { id: null, error: `line ${lineNumber}: not valid JSON` });
      continue;
    }
    const request = requestSchema.safeParse(parsed);
    if (!request.success) {
      await writeLine(args.output, {
        id: null,
        error: `line ${lineNumber}: expected {"id": string|number, "text": string}`,
      });
      continue;
    }
    const c = args.classifier.classify(request.data.text);
    await writeLine(args.output, {
      id: request.data.id,
      agency: c.agency,
      jurisdiction: c.jurisdiction,
      authority: c.authority,
      confidence: c.confidence,
      alternatives: c.alternatives.map((a) => ({ agency: a.agency, confidence: a.confidence })),
      needsReview: c.needsReview,
      reasons: c.reasons,
    });
  }
}

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
  const cv = model.training.crossValidation;
  args.progress.write(
    `trained ${summary.version}: ${summary.examples} examples (${corpus.length} corpus + ${extra.length} admin decisions` +
      `${skippedExtra ? `, ${skippedExtra} skipped` : ''}), ${summary.labels} labels, ${summary.seconds} s\n` +
      (cv
        ? `cross-validated (${cv.folds} folds): accuracy ${cv.accuracy}, macro-F1 ${cv.macroF1}; ` +
          `on citizen-style lines, threshold ${cv.threshold} sends ${(cv.reviewRate * 100).toFixed(1)}% to review, ` +
          `${(cv.accuracyNotReviewed * 100).toFixed(1)}% right otherwise; chatter threshold ${model.chatterThreshold ?? '-'}\n`
        : '') +
      `saved ${path}\n`,
  );
  return summary;
}

/**
 * Evaluates `classifier` on a labelled JSON-lines file and prints the report; with `crossValidate`, also
 * runs k-fold cross-validation of the full training pipeline on the training corpus.
 */
export async function runEvalCommand(args: {
  inputPath: string;
  classifier: Classifier;
  output: Writable;
  threshold: number;
  crossValidate?: { corpusDir?: string; folds?: number };
}): Promise<void> {
  const examples = parseExamples(readFileSync(args.inputPath, 'utf8'), args.inputPath);
  const predictions = examples.map((e) => {
    const c = args.classifier.classify(e.text);
    return { label: e.label, predicted: c.agency, confidence: c.confidence };
  });
  args.output.write(
    formatReport(`${args.inputPath} (model ${args.classifier.version})`, evaluate(predictions, args.threshold)),
  );
  if (args.crossValidate) {
    const folds = args.crossValidate.folds ?? 5;
    const corpus = loadTrainingCorpus(args.crossValidate.corpusDir ?? DEFAULT_PATHS.corpus());
    const slang = loadSlang();
    const cv = crossValidateClassifier(corpus, {
      folds,
      threshold: args.threshold,
      slang: slang.entries,
      concepts: slang.concepts,
      rules: loadRules().config,
    });
    args.output.write(
      `\n${formatReport(`${folds}-fold cross-validation on the training corpus`, evaluate(cv, args.threshold))}`,
    );
  }
}
