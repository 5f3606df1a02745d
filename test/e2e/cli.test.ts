// The CLI as users run it: a child process, stdin/stdout, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input = '', env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
    input,
    encoding: 'utf8',
    // natural loads dotenv when imported; the entry point must keep its chatter off stdout on its own.
    env: { ...process.env, DOTENV_CONFIG_QUIET: '', LOG_LEVEL: 'silent', ...env },
  });

describe('kanal-aduan CLI', () => {
  it('classify writes one JSON line per input line and nothing else on stdout', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'lampu jalan mati di Jl. Ahmad Yani sudah seminggu' }),
      'this is not json',
      JSON.stringify({ id: 'b', text: '' }),
      JSON.stringify({ id: 'c', text: '🙏🙏🙏' }),
    ].join('\n');
    const res = run(['classify'], `${input}\n`);
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({ id: 'a', jurisdiction: 'city' });
    for (const key of ['agency', 'jurisdiction', 'authority', 'confidence', 'alternatives', 'needsReview', 'reasons']) {
      expect(out[0]).toHaveProperty(key);
    }
    expect(out[1]).toMatchObject({ id: null });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({ id: 'b' });
    expect(out[3]).toMatchObject({ id: 'c' });
  });

  it('migrate and user add work on a fresh SQLite database; bad input gets a clear message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kanal-cli-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'x.db')}` };
    expect(run(['migrate'], '', env).stderr).toContain('applied: 0001_init');
    expect(run(['migrate'], '', env).stderr).toContain('up to date');
    const ok = run(
      [
        'user',
        'add',
        '--email',
        'petugas@cilegon.go.id',
        '--password',
        'kata-sandi-123',
        '--role',
        'officer',
        '--agency',
        'DPUTR',
      ],
      '',
      env,
    );
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('petugas@cilegon.go.id (officer) saved');
    const short = run(['user', 'add', '--email', 'a@b.id', '--password', 'x'], '', env);
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('at least 8 characters');
    const badEnv = run(['migrate'], '', { DATABASE_URL: 'mysql://nope', PORT: 'abc' });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain('PORT');
    expect(run(['frobnicate']).status).toBe(2);
  });
});
