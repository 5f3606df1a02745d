// A migrated, seeded database and a real application context (real classifier, quiet logger) for the benches
// that drive intake in-process.
import { createAppContext } from '../../src/app/context.js';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../../src/classifier/index.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { seedAgencies } from '../../src/db/seed.js';
import { createLogger } from '../../src/logger.js';

export async function benchContext(url: string) {
  const database = await openDatabase(url);
  await migrate(database);
  await seedAgencies(database.db);
  const ctx = createAppContext(loadConfig({}), {
    db: database.db,
    classifier: loadClassifier({ dir: 'data/models', threshold: DEFAULT_REVIEW_THRESHOLD }),
    logger: createLogger('error'),
  });
  return { database, ctx };
}
