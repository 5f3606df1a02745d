// `kanal-aduan classify | train | eval | calibrate`: the commands that need the classifier. Training and
// evaluation code is loaded only by the command that uses it.
import { parseArgs } from 'node:util';
import { loadClassifier, runClassifyCommand } from '../classifier/index.js';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';

/** The classifier's commands by name; each returns the exit code. */
export const CLASSIFIER_COMMANDS = {
  classify,
  train,
  eval: evaluate,
  calibrate,
} satisfies Record<string, (config: Config, args: string[]) => Promise<number>>;

async function classify(config: Config, _args: string[]): Promise<number> {
  const classifier = loadClassifier({ dir: config.classifier.modelDir, threshold: config.classifier.threshold });
  await runClassifyCommand({ input: process.stdin, output: process.stdout, classifier });
  return 0;
}

async function train(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { corpus: { type: 'string' } } });
  const database = await openDatabase(config.databaseUrl);
  await migrate(database);
  const decisions = await database.db.labelledExample.findMany({ select: { text: true, label: true } });
  await database.close();
  const { runTrainCommand } = await import('../classifier/training/index.js');
  await runTrainCommand({
    corpusDir: values.corpus,
    extraExamples: decisions,
    modelDir: config.classifier.modelDir,
    progress: process.stderr,
  });
  return 0;
}

async function evaluate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { input: { type: 'string' }, cv: { type: 'boolean' } } });
  if (!values.input) {
    process.stderr.write('eval needs --input FILE (JSON lines {"text","label"})\n');
    return 2;
  }
  const classifier = loadClassifier({ dir: config.classifier.modelDir, threshold: config.classifier.threshold });
  const { runEvalCommand } = await import('../classifier/evaluation/index.js');
  await runEvalCommand({
    inputPath: values.input,
    classifier,
    output: process.stdout,
    threshold: config.classifier.threshold,
    crossValidate: values.cv ? { folds: 5 } : undefined,
  });
  return 0;
}

async function calibrate(config: Config, _args: string[]): Promise<number> {
  const database = await openDatabase(config.databaseUrl);
  await migrate(database);
  const decisions = await database.db.labelledExample.findMany({
    select: { text: true, label: true, createdAt: true },
  });
  await database.close();
  const { runCalibrateCommand } = await import('../classifier/training/index.js');
  try {
    runCalibrateCommand({ modelDir: config.classifier.modelDir, decisions, progress: process.stderr });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return 0;
}
