// `kanal-aduan user add` as an administrator runs it: a child process with exit codes. Unknown roles (a typo
// used to create an admin), unknown agencies and e-mails without a domain are refused with a clear message;
// SESSION_TTL_HOURS is validated with a message naming it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

const run = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', LOG_LEVEL: 'silent', ...env },
  });

describe('kanal-aduan user add', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kanal-cli-user-'));
  const env = { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, DATA_DIR: dir };
  const add = (...extra: string[]) =>
    run(['user', 'add', '--email', 'petugas@cilegon.go.id', '--password', 'rahasia-123', ...extra], env);

  it('refuses an unknown role, an unknown agency and an e-mail without a domain, creating nobody', async () => {
    const typo = add('--role', 'offcer', '--agency', 'DPUTR');
    expect(typo.status).not.toBe(0);
    expect(typo.stderr).toContain('unknown role "offcer"');
    const agency = add('--role', 'officer', '--agency', 'NOPE');
    expect(agency.status).not.toBe(0);
    expect(agency.stderr).toContain('unknown agency "NOPE"');
    const email = run(['user', 'add', '--email', 'petugas@', '--password', 'rahasia-123', '--role', 'viewer'], env);
    expect(email.status).not.toBe(0);
    expect(email.stderr).toContain('not a valid e-mail address');
    const noDomain = run(['user', 'add', '--email', 'petugas', '--password', 'rahasia-123'], env);
    expect(noDomain.status).not.toBe(0);
    const database = await openDatabase(env.DATABASE_URL);
    expect(await database.db.user.count()).toBe(0);
    await database.close();
  });

  it('creates a reviewer and an officer of a known agency', async () => {
    expect(add('--role', 'officer', '--agency', 'DPUTR').status).toBe(0);
    expect(
      run(['user', 'add', '--email', 'peninjau@cilegon.go.id', '--password', 'rahasia-123', '--role', 'reviewer'], env)
        .status,
    ).toBe(0);
    const database = await openDatabase(env.DATABASE_URL);
    const users = await database.db.user.findMany({
      orderBy: { email: 'asc' },
      select: { email: true, role: true, agencyCode: true },
    });
    await database.close();
    expect(users).toEqual([
      { email: 'peninjau@cilegon.go.id', role: 'reviewer', agencyCode: null },
      { email: 'petugas@cilegon.go.id', role: 'officer', agencyCode: 'DPUTR' },
    ]);
  });

  it('names the bad setting: SESSION_TTL_HOURS and LOGIN_HASH_CONCURRENCY', () => {
    for (const [name, value] of [
      ['SESSION_TTL_HOURS', 'dua belas'],
      ['SESSION_TTL_HOURS', '-1'],
      ['LOGIN_HASH_CONCURRENCY', '0'],
    ] as const) {
      const res = run(['user', 'add', '--email', 'x@cilegon.go.id', '--password', 'rahasia-123'], {
        ...env,
        [name]: value,
      });
      expect({ name, value, status: res.status }).toEqual({ name, value, status: 2 });
      expect(res.stderr).toContain(name);
    }
  });
});
