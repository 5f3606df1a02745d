// Migration 0010 prunes what the WhatsApp Cloud adapter used to keep in KeyValue and never deleted (a row per
// delivery receipt, a row per sender's last message); other channels' state (X's tokens and cursors) stays.
// On SQLite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const PRUNE = '0010_prune_whatsapp_state';

describe.each(providers)('pruning old WhatsApp state on %s', (provider) => {
  let test: TestDatabase;
  let database: Database;
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('deletes the receipt and last-inbound rows once, and nothing else', async () => {
    test = await freshDatabase(provider);
    database = await openDatabase(test.url);
    expect(await migrate(database)).toContain(PRUNE);
    // A database as an earlier version left it: the rows exist, 0010 has not run yet.
    const rows = [
      ['whatsapp:status:wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=', '{"status":"read"}'],
      ['whatsapp:status:wamid.second', '{"status":"delivered"}'],
      ['whatsapp:lastInbound:6281234567890', '1764489600000'],
      ['x:tokens', '{"accessToken":"a","refreshToken":"r"}'],
      ['x:since:mentions', '1862000000000000000'],
    ];
    for (const [key, value] of rows)
      await database.db.keyValue.create({ data: { key: key as string, value: value as string } });
    await database.db.$executeRawUnsafe(`DELETE FROM "_kanal_migrations" WHERE "name" = '${PRUNE}'`);

    expect(await migrate(database)).toEqual([PRUNE]);
    const left = await database.db.keyValue.findMany({ orderBy: { key: 'asc' }, select: { key: true } });
    expect(left.map((r) => r.key)).toEqual(['x:since:mentions', 'x:tokens']);
    expect(await migrate(database)).toEqual([]);
  });
});
