// CLI commands load only what they use (issue #12): `migrate` and `user add` must not pull in the
// classifier, a channel SDK or the HTTP server, which made each of them take 4-5 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'kanal-cli-imports-'));
const env = { DATABASE_URL: `file:${path.join(dir, 'x.db')}`, LOG_LEVEL: 'silent' };

/** Runs the CLI and returns its exit status and every module URL it resolved. */
function loaded(args: string[]): { status: number | null; modules: string[] } {
  const file = path.join(dir, `${args.join('-')}.txt`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/record-imports.mjs', 'src/cli/entry.ts', ...args],
    { encoding: 'utf8', env: { ...process.env, ...env, RECORD_IMPORTS_FILE: file } },
  );
  return { status: res.status, modules: readFileSync(file, 'utf8').split('\n').filter(Boolean) };
}

/** What only `start` and the classifier commands need. */
const HEAVY = [
  /\/node_modules\/(natural|telegraf|twitter-api-v2|whatsapp-web\.js|fastify|@fastify\/[^/]+|pino)\//,
  /\/src\/classifier\//,
  /\/src\/runtime\.ts$/,
  /\/src\/http\//,
  /\/adapters\//,
  // A SQLite deployment never needs the PostgreSQL client and driver.
  /\/node_modules\/(pg|@prisma\/adapter-pg)\//,
  /\/src\/generated\/postgres\//,
];

const heavyIn = (modules: string[]) => modules.filter((m) => HEAVY.some((re) => re.test(m)));

describe('CLI imports per command', () => {
  it('migrate loads the database layer only', () => {
    const run = loaded(['migrate']);
    expect(run.status).toBe(0);
    expect(run.modules.some((m) => m.endsWith('/src/db/migrate.ts'))).toBe(true);
    expect(heavyIn(run.modules)).toEqual([]);
  });

  it('user add loads the database layer and password hashing only', () => {
    const run = loaded(['user', 'add', '--email', 'admin2@cilegon.go.id', '--password', 'kata-sandi-123']);
    expect(run.status).toBe(0);
    expect(run.modules.some((m) => m.endsWith('/src/app/auth.ts'))).toBe(true);
    expect(heavyIn(run.modules)).toEqual([]);
  });

  it('classify does load the classifier (the recorder sees lazy imports)', () => {
    const run = loaded(['classify']);
    expect(run.status).toBe(0);
    expect(run.modules.some((m) => /\/src\/classifier\//.test(m))).toBe(true);
  });
});
