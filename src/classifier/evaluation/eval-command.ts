/** `kanal-aduan eval`: quality report of a classifier on a labelled file, optionally with k-fold CV. */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { loadRules, loadSlang, loadTrainingCorpus, parseExamples } from '../runtime/corpus.js';
import { DEFAULT_PATHS } from '../runtime/paths.js';
import type { Classifier } from '../types.js';
import { crossValidateClassifier } from './cross-validate.js';
import { formatReport } from './eval-report.js';
import { evaluate } from './metrics.js';

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
