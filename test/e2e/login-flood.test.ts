// A flood of logins from one address is refused in memory before any database work (no throttle row, no audit
// row, no hashing), and an attempt with no failures behind it is hashed before the guesses queued ahead of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { sqliteDatabase } from '../support/databases.js';
import { ADMIN, startTestRuntime } from '../support/runtime.js';

describe('login flood', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await startTestRuntime({ DATABASE_URL: sqliteDatabase().url, LOGIN_ATTEMPTS_PER_MINUTE: '5' });
  });
  afterAll(async () => rt?.stop());

  const login = (email: string, password: string, from: string) =>
    rt.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      payload: { email, password },
    });

  it('refuses the sixth attempt in a minute from one address before touching the database', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(`tamu${i}@contoh.id`, 'tebakan', '203.0.113.7')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const before = await Promise.all([rt.ctx.db.auditLog.count(), rt.ctx.db.loginThrottle.count()]);
    for (let i = 0; i < 20; i++) {
      const res = await login(`tamu-lagi${i}@contoh.id`, 'tebakan', '203.0.113.7');
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json().error.message).toMatch(/coba lagi dalam \d+ detik/);
    }
    expect(await Promise.all([rt.ctx.db.auditLog.count(), rt.ctx.db.loginThrottle.count()])).toEqual(before);
    // The real admin, from another address, is not affected.
    expect((await login(ADMIN.email, ADMIN.password, '198.51.100.20')).statusCode).toBe(200);
  });
});
