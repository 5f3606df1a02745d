// The server key the private links are derived from: 32 random bytes made on first start and kept in the
// KeyValue table, so every instance on one database derives the same link for the same submission.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/client.js';

const KEY = 'web.privateLinkKey';
const cache = new WeakMap<Db, Promise<Buffer>>();

async function loadOrCreate(db: Db): Promise<Buffer> {
  const existing = await db.keyValue.findUnique({ where: { key: KEY } });
  if (existing) return Buffer.from(existing.value, 'base64');
  try {
    await db.keyValue.create({ data: { key: KEY, value: randomBytes(32).toString('base64') } });
  } catch (err) {
    // Another instance created it at the same moment: use theirs.
    if (!isUniqueViolation(err)) throw err;
  }
  const row = await db.keyValue.findUniqueOrThrow({ where: { key: KEY } });
  return Buffer.from(row.value, 'base64');
}

/** The link key for this database (read once, then cached). */
export function privateLinkKey(db: Db): Promise<Buffer> {
  let key = cache.get(db);
  if (!key) {
    key = loadOrCreate(db);
    // A failed read is not cached: the next request tries again.
    key.catch(() => cache.delete(db));
    cache.set(db, key);
  }
  return key;
}
