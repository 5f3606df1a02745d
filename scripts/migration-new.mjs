// Authors a new migration for both providers from the schema change since the last migration.
// Usage: node scripts/migration-new.mjs <name>
// `prisma migrate dev` cannot run offline; `migrate diff` between two schema files needs no database.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prisma, root, schemaPaths, writePostgresSchema } from './prisma-lib.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node scripts/migration-new.mjs <snake_case_name>');
  process.exit(2);
}
writePostgresSchema();
const dir = path.join(root, 'prisma', 'migrations');
const snapshotDir = path.join(dir, 'snapshot');
const existing = existsSync(path.join(dir, 'sqlite')) ? readdirSync(path.join(dir, 'sqlite')).sort() : [];
const id = `${String(existing.length + 1).padStart(4, '0')}_${name}`;
for (const provider of ['sqlite', 'postgresql']) {
  const snapshot = path.join(snapshotDir, `${provider}.prisma`);
  const from = existsSync(snapshot) ? ['--from-schema-datamodel', snapshot] : ['--from-empty'];
  const sql = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', schemaPaths[provider], '--script']);
  if (!/CREATE|ALTER|DROP/i.test(sql)) {
    console.error(`no schema change for ${provider}`);
    process.exit(1);
  }
  mkdirSync(path.join(dir, provider, id), { recursive: true });
  writeFileSync(path.join(dir, provider, id, 'migration.sql'), sql);
  mkdirSync(snapshotDir, { recursive: true });
  copyFileSync(schemaPaths[provider], snapshot);
}
console.log(`created prisma/migrations/{sqlite,postgresql}/${id}`);
