// A fresh database opened and migrated, for tests of the storage-level pieces (outbox worker, group commit)
// that need the schema but not the application context.
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { freshDatabase, type PROVIDERS, type TestDatabase } from './databases.js';

/** A fresh database of `provider`, opened and migrated; shut down with shutDown(database, test). */
export async function migratedDatabase(
  provider: (typeof PROVIDERS)[number],
): Promise<{ test: TestDatabase; database: Database }> {
  const test = await freshDatabase(provider);
  const database = await openDatabase(test.url);
  await migrate(database);
  return { test, database };
}
