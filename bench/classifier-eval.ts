/**
 * Evaluates the committed model on the held-out split (all files of data/classifier/heldout) and, with
 * --cv, runs 5-fold cross-validation of the full pipeline on the training corpus.
 * Run: npx tsx bench/classifier-eval.ts [--threshold 0.9] [--cv]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvalCommand } from '../src/classifier/cli.js';
import { loadHeldout } from '../src/classifier/corpus.js';
import { DEFAULT_REVIEW_THRESHOLD } from '../src/classifier/inference.js';
import { DEFAULT_PATHS } from '../src/classifier/paths.js';
import { loadClassifier } from '../src/classifier/store.js';

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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
