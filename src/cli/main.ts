// `kanal-aduan <command>`: start, migrate, user add, classify, train, eval, calibrate.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { upsertUser } from '../app/auth.js';
import { isRole, ROLES } from '../app/roles.js';
import { createReloadingClassifier, loadClassifier, runClassifyCommand } from '../classifier/index.js';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { seedAgencies } from '../db/seed.js';
import { createLogger } from '../logger.js';
import { startRuntime } from '../runtime.js';
import { holidaysCommand } from './holidays-command.js';

const USAGE = `Usage: kanal-aduan <command>

  start                         run the product (web channel, admin API, channels, jobs)
  migrate                       apply database migrations and exit
  user add --email E --password P [--name N] [--role admin|reviewer|officer|viewer] [--agency CODE]
  classify                      read JSON lines {"id","text"} on stdin, write suggestions as JSON lines
  train [--corpus DIR]          retrain from the corpus plus admins' decisions; writes a new model version
  eval --input FILE [--cv]      print accuracy, macro-F1, per-label scores and reliability for a labelled file
  holidays import FILE --year Y import the year's national holidays and cuti bersama from the decree's list
  holidays check                fail when this year or the next is missing, incomplete or only estimated
  calibrate                     re-fit confidence and thresholds on admins' decisions made since the last training

Settings come from the environment (see .env.example).`;

/** Runs a command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const database = await openDatabase(config.databaseUrl);
      const applied = await migrate(database);
      await database.close();
      process.stderr.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    }
    case 'user':
      return userCommand(config, rest);
    case 'holidays':
      return holidaysCommand(config.sla.holidaysFile, rest, process.stderr, new Date());
    case 'classify': {
      const classifier = loadClassifier({ dir: config.classifier.modelDir, threshold: config.classifier.threshold });
      await runClassifyCommand({ input: process.stdin, output: process.stdout, classifier });
      return 0;
    }
    case 'train': {
      const { values } = parseArgs({ args: rest, options: { corpus: { type: 'string' } } });
      const database = await openDatabase(config.databaseUrl);
      await migrate(database);
      const decisions = await database.db.labelledExample.findMany({ select: { text: true, label: true } });
      await database.close();
      // Training code is loaded only by the commands that train, never by `start`.
      const { runTrainCommand } = await import('../classifier/training/index.js');
      await runTrainCommand({
        corpusDir: values.corpus,
        extraExamples: decisions,
        modelDir: config.classifier.modelDir,
        progress: process.stderr,
      });
      return 0;
    }
    case 'eval': {
      const { values } = parseArgs({ args: rest, options: { input: { type: 'string' }, cv: { type: 'boolean' } } });
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
    case 'calibrate': {
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
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function start(config: Config): Promise<number> {
  // One logger for the process: the model reloader reports through it instead of plain text on stderr.
  const logger = createLogger(config.logLevel);
  const classifier = createReloadingClassifier({
    dir: config.classifier.modelDir,
    threshold: config.classifier.threshold,
    checkIntervalMs: 10_000,
    log: (message) => logger.warn({ component: 'classifier' }, message),
  });
  const runtime = await startRuntime(config, { classifier, logger });
  process.stderr.write(`kanal-aduan is running: ${runtime.url}/lapor (admin API under /api)\n`);
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await runtime.stop();
  return 0;
}

async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
    },
  });
  if (sub !== 'add' || !values.email || !values.password) {
    process.stderr.write(
      'usage: kanal-aduan user add --email E --password P [--name N] [--role admin|reviewer|officer|viewer] [--agency CODE]\n',
    );
    return 2;
  }
  if (values.password.length < 8) {
    process.stderr.write('password must be at least 8 characters\n');
    return 2;
  }
  const role = values.role ?? 'admin';
  if (!isRole(role)) {
    process.stderr.write(`unknown role "${role}": use one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  if (!z.email().safeParse(values.email.trim()).success) {
    process.stderr.write(`"${values.email}" is not a valid e-mail address (e.g. nama@cilegon.go.id)\n`);
    return 2;
  }
  if (role === 'officer' && !values.agency) {
    process.stderr.write('an officer needs --agency CODE (e.g. DPUTR)\n');
    return 2;
  }
  const database = await openDatabase(config.databaseUrl);
  await migrate(database);
  await seedAgencies(database.db);
  if (values.agency && !(await database.db.agency.findUnique({ where: { code: values.agency } }))) {
    await database.close();
    process.stderr.write(`unknown agency "${values.agency}": see the agency list (e.g. DPUTR, DLH, DINKES)\n`);
    return 2;
  }
  const user = await upsertUser(database.db, {
    email: values.email,
    password: values.password,
    name: values.name,
    role,
    agencyCode: values.agency ?? null,
  });
  await database.close();
  process.stderr.write(`user ${user.email} (${user.role}) saved\n`);
  return 0;
}
