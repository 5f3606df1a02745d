// Applies the checked-in SQL migrations (prisma/migrations/<provider>/NNNN_name/migration.sql) in order.
// Prisma's own `migrate deploy` cannot run offline against PostgreSQL here, so the app carries this small
// migrator; migrations themselves are authored by `prisma migrate diff` (scripts/migration-new.mjs).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LOCK_KEY = 72611281; // arbitrary constant: one advisory lock for "kanal-aduan migrations"

/** Where migrations live; resolved from both src/ (tsx) and dist/src/ (compiled) layouts. */
export function migrationsDir(provider: string): string {
  const candidates = [path.resolve(HERE, '../../prisma/migrations'), path.resolve(HERE, '../../../prisma/migrations')];
  const found = candidates.find((c) => existsSync(path.join(c, provider)));
  if (!found) throw new Error(`migrations for ${provider} not found near ${HERE}`);
  return path.join(found, provider);
}

/** Splits a Prisma-generated migration into statements (it never puts ';' inside literals). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

/** Applies pending migrations; safe to call from several instances at once. Returns the names applied. */
export async function migrate(database: Database): Promise<string[]> {
  const { db, provider } = database;
  // SQLite migrations that redefine a table (copy, DROP, rename) must not fire ON DELETE CASCADE on the DROP.
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is switched off around it, and checked after.
  if (provider === 'sqlite') await db.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
  try {
    const applied = await applyPending(database);
    if (provider === 'sqlite') {
      const broken = await db.$queryRawUnsafe<unknown[]>('PRAGMA foreign_key_check');
      if (broken.length > 0) throw new Error(`migration left ${broken.length} broken foreign keys`);
    }
    return applied;
  } finally {
    if (provider === 'sqlite') await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
}

async function applyPending({ db, provider }: Database): Promise<string[]> {
  const dir = migrationsDir(provider);
  const names = readdirSync(dir)
    .filter((n) => /^\d{4}_/.test(n))
    .sort();
  const applied: string[] = [];
  await db.$transaction(
    async (tx) => {
      // PostgreSQL: serialise instances starting together (even CREATE TABLE IF NOT EXISTS races there).
      // SQLite is the single-instance embedded mode; its single writer serialises the rest.
      if (provider === 'postgresql') {
        await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})::text AS locked`);
      }
      await tx.$executeRawUnsafe(
        'CREATE TABLE IF NOT EXISTS "_kanal_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)',
      );
      const rows = await tx.$queryRawUnsafe<{ name: string; checksum: string }[]>(
        'SELECT "name", "checksum" FROM "_kanal_migrations"',
      );
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      for (const name of names) {
        const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
        const checksum = createHash('sha256').update(sql).digest('hex');
        const previous = done.get(name);
        if (previous !== undefined) {
          if (previous !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
          continue;
        }
        for (const statement of splitStatements(sql)) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(
          `INSERT INTO "_kanal_migrations" ("name", "checksum", "appliedAt") VALUES (${provider === 'postgresql' ? '$1, $2, $3' : '?, ?, ?'})`,
          name,
          checksum,
          new Date().toISOString(),
        );
        applied.push(name);
      }
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
  return applied;
}
