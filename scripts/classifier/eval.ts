/**
 * Evaluates the committed model on the held-out split (all files of data/classifier/heldout) and, with
 * --cv, runs 5-fold cross-validation of the full pipeline on the training corpus; then prints the issue #11
 * metrics on the citizen-style evaluation set (data/classifier/eval-styles) and on the held-out split.
 * Run: npx tsx scripts/classifier/eval.ts (npm run classifier:eval --) [--threshold 0.9] [--cv]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvalCommand } from '../../src/classifier/evaluation/eval-command.js';
import { formatStyleReport, styleReport } from '../../src/classifier/evaluation/style-eval.js';
import { type LabelledExample, loadHeldout, loadStyleEval } from '../../src/classifier/runtime/corpus.js';
import { DEFAULT_REVIEW_THRESHOLD } from '../../src/classifier/runtime/inference.js';
import { DEFAULT_PATHS } from '../../src/classifier/runtime/paths.js';
import { loadClassifier } from '../../src/classifier/runtime/store.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const threshold = Number(arg('--threshold') ?? DEFAULT_REVIEW_THRESHOLD);
const dir = mkdtempSync(join(tmpdir(), 'kanal-aduan-eval-'));
const inputPath = join(dir, 'heldout.jsonl');
writeFileSync(
  inputPath,
  `${loadHeldout()
    .map((e) => JSON.stringify(e))
    .join('\n')}\n`,
);
try {
  await runEvalCommand({
    inputPath,
    classifier: loadClassifier({ dir: DEFAULT_PATHS.models(), threshold }),
    output: process.stdout,
    threshold,
    crossValidate: process.argv.includes('--cv') ? { folds: 5 } : undefined,
  });
  const classifier = loadClassifier({ dir: DEFAULT_PATHS.models(), threshold });
  process.stdout.write(
    `\n${formatStyleReport(`citizen-style set (data/classifier/eval-styles), threshold ${threshold}`, styleReport(classifier, loadStyleEval()))}`,
  );
  process.stdout.write(`${formatStyleReport('held-out split (corpus style)', styleReport(classifier, loadHeldout()))}`);
  // The same sets grouped by the writing style the classifier detected (whose temperature calibrated it).
  const byDetected = (examples: LabelledExample[]) =>
    examples.map((e) => ({ ...e, style: classifier.classify(e.text).style ?? 'none' }));
  process.stdout.write(
    `\n${formatStyleReport('citizen-style set by detected style', styleReport(classifier, byDetected(loadStyleEval())))}`,
  );
  process.stdout.write(
    `${formatStyleReport('held-out split by detected style', styleReport(classifier, byDetected(loadHeldout())))}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
