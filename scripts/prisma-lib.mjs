// Shared helpers for the Prisma scripts: derive the PostgreSQL schema from the single SQLite source of truth
// and run the Prisma CLI offline (its JS/WASM engines only; no binary is downloaded).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const schemaPaths = {
  sqlite: path.join(root, 'prisma', 'schema.prisma'),
  postgresql: path.join(root, 'prisma', 'postgres', 'schema.prisma'),
};

/** The PostgreSQL schema text, derived from the SQLite schema by swapping provider, url and client output. */
export function derivePostgresSchema(sqliteSchema) {
  const header =
    '// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit: edit the source.\n';
  return (
    header +
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('url      = "file:./dev.db"', 'url      = "postgresql://localhost/kanal_aduan"')
      .replace('output     = "../src/generated/sqlite"', 'output     = "../../src/generated/postgres"')
  );
}

export function writePostgresSchema() {
  const text = derivePostgresSchema(readFileSync(schemaPaths.sqlite, 'utf8'));
  mkdirSync(path.dirname(schemaPaths.postgresql), { recursive: true });
  writeFileSync(schemaPaths.postgresql, text);
  return text;
}

/** Runs the Prisma CLI with the engine variables that keep it offline. */
export function prisma(args, opts = {}) {
  return execFileSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false',
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/bin/false',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
}

/** SQL that creates the whole schema from nothing, for one provider. */
export function createSql(provider) {
  return prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaPaths[provider], '--script']);
}
