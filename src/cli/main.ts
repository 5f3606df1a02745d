// `kanal-aduan <command>`: start, migrate, user add, classify, train, eval, calibrate, holidays.
// Each command imports what it uses when it runs (import()), so `migrate` and `user add` never load the
// classifier, the channel SDKs or the HTTP server.
import { type Config, ConfigError, loadConfig } from '../config/config.js';

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
      return (await import('./start-command.js')).startCommand(config);
    case 'migrate':
      return migrateCommand(config);
    case 'user':
      return (await import('./user-command.js')).userCommand(config, rest);
    case 'holidays': {
      const { holidaysCommand } = await import('./holidays-command.js');
      return holidaysCommand(config.sla.holidaysFile, rest, process.stderr, new Date());
    }
    case 'classify':
    case 'train':
    case 'eval':
    case 'calibrate': {
      const { CLASSIFIER_COMMANDS } = await import('./classifier-commands.js');
      return CLASSIFIER_COMMANDS[command](config, rest);
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function migrateCommand(config: Config): Promise<number> {
  const [{ openDatabase }, { migrate }] = await Promise.all([import('../db/client.js'), import('../db/migrate.js')]);
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrate(database);
  await database.close();
  process.stderr.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  return 0;
}
