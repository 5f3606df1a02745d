// The admin API's security over real HTTP handling (fastify inject against the running product): the role of
// every route is declared and checked in one place, cross-site state changes and form bodies are refused,
// security headers are on every response, sessions end when they must, and logins are throttled (injected
// clock). On SQLite and PostgreSQL.
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { purgeLogins } from '../../src/jobs/session-purge.js';
import type { Runtime } from '../../src/runtime.js';
import { textMessage } from '../support/app-context.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const OFFICER = { email: 'petugas.dlh@cilegon.go.id', password: 'sampah-bersih-2026' };
const VIEWER = { email: 'pemantau@cilegon.go.id', password: 'hanya-melihat-2026' };
const CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;connect-src 'self';frame-ancestors 'none';base-uri 'none';form-action 'self'";

describe.each(providers)('admin API security on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let http: FastifyInstance;
  const clock = { now: new Date() };
  let trackingId = '';

  async function login(creds: { email: string; password: string }, ip = '127.0.0.1') {
    const res = await http.inject({ method: 'POST', url: '/api/auth/login', payload: creds, remoteAddress: ip });
    return { res, cookie: (res.headers['set-cookie']?.toString() ?? '').split(';')[0] ?? '' };
  }

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url, SESSION_TTL_HOURS: '0.5' }, { now: () => clock.now });
    http = rt.http;
    await upsertUser(rt.ctx.db, { ...OFFICER, name: 'Petugas DLH', role: 'officer', agencyCode: 'DLH' });
    await upsertUser(rt.ctx.db, { ...VIEWER, name: 'Pemantau', role: 'viewer' });
    await rt.intake.ingest(textMessage('501', 'Jalan di depan Pasar Kranggot berlubang besar, motor sering jatuh.'));
    trackingId = (await rt.ctx.db.complaint.findFirstOrThrow()).trackingId;
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('logs in with a fractional SESSION_TTL_HOURS and sets an integer cookie max-age', async () => {
    const { res, cookie } = await login(ADMIN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']?.toString()).toContain('Max-Age=1800');
    expect(res.json().user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const me = await http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // Expired by the injected clock: unauthenticated, with an Indonesian message.
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    const late = await http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toContain('Sesi Anda tidak berlaku');
    expect((await purgeLogins(rt.ctx.db, clock.now)).sessions).toBeGreaterThanOrEqual(1);
  });

  it('refuses a cross-site transition: another port of the same site, form-encoded, or a cross-site fetch', async () => {
    const { cookie } = await login(ADMIN);
    const port = new URL(rt.url).port;
    const attempts = [
      // The reproduction: a form on another application of the same site (another port).
      {
        headers: {
          cookie,
          origin: `http://127.0.0.1:${Number(port) + 1}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'action=verify',
      },
      {
        headers: { cookie, origin: 'http://127.0.0.1:1', 'content-type': 'application/json' },
        payload: '{"action":"verify"}',
      },
      {
        headers: { cookie, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
        payload: '{"action":"verify"}',
      },
      {
        headers: { cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        payload: '{"action":"verify"}',
      },
    ];
    for (const a of attempts) {
      const res = await http.inject({ method: 'POST', url: `/api/complaints/${trackingId}/transitions`, ...a });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('cross_site');
    }
    // Same origin but a form body: 415, never parsed.
    const form = await http.inject({
      method: 'POST',
      url: `/api/complaints/${trackingId}/transitions`,
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        host: `127.0.0.1:${port}`,
        origin: `http://127.0.0.1:${port}`,
      },
      payload: 'action=verify',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error.code).toBe('unsupported_media_type');
    expect((await rt.ctx.db.complaint.findFirstOrThrow()).status).toBe('received');
    expect(await rt.ctx.db.statusEvent.count({ where: { action: 'verify' } })).toBe(0);
    // The same request from the product's own origin works.
    const ok = await http.inject({
      method: 'POST',
      url: `/api/complaints/${trackingId}/transitions`,
      headers: {
        cookie,
        host: `127.0.0.1:${port}`,
        origin: `http://127.0.0.1:${port}`,
        'sec-fetch-site': 'same-origin',
      },
      payload: { action: 'hold', expectedStatus: 'received' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('puts security headers on every response and no-store on every personal-data JSON', async () => {
    const { cookie } = await login(ADMIN);
    for (const url of [
      '/api/complaints',
      `/api/complaints/${trackingId}`,
      '/api/dashboard',
      '/lapor',
      '/admin',
      '/api/openapi.json',
    ]) {
      const res = await http.inject({ method: 'GET', url, headers: { cookie } });
      expect({ url, csp: res.headers['content-security-policy'] }).toEqual({ url, csp: CSP });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      if (url.startsWith('/api/') && url !== '/api/openapi.json') expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  // Needs the built UI (`npm run build:ui`, done by CI before the tests).
  it.runIf(existsSync('ui/dist/index.html'))(
    'serves the built admin UI and the public form within the CSP: no inline script, assets from self',
    async () => {
      const index = await http.inject({ method: 'GET', url: '/admin' });
      expect(index.statusCode).toBe(200);
      const scripts = [...index.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(body?.trim()).toBe(''); // 'unsafe-inline' is not allowed for scripts
        const src = /src="([^"]+)"/.exec(attrs ?? '')?.[1] ?? '';
        expect(src.startsWith('/admin/assets/')).toBe(true);
        const asset = await http.inject({ method: 'GET', url: src });
        expect(asset.statusCode).toBe(200);
        expect(asset.headers['content-type']).toContain('javascript');
      }
      expect(index.body).not.toMatch(/\son[a-z]+=/i); // no inline event handlers either
      const form = await http.inject({ method: 'GET', url: '/lapor' });
      expect(form.statusCode).toBe(200);
      expect(form.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    },
  );

  it('checks the declared roles: viewers read, officers see their agency only, admins administer', async () => {
    const viewer = (await login(VIEWER)).cookie;
    const officer = (await login(OFFICER)).cookie;
    const get = (url: string, cookie: string) => http.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, cookie: string, payload: object) =>
      http.inject({ method: 'POST', url, headers: { cookie }, payload });
    expect((await get('/api/complaints', viewer)).json().total).toBe(1);
    expect((await post(`/api/complaints/${trackingId}/transitions`, viewer, { action: 'verify' })).statusCode).toBe(
      403,
    );
    expect((await get('/api/users', viewer)).statusCode).toBe(403);
    expect((await get('/api/audit', officer)).statusCode).toBe(403);
    // Another agency's complaint does not exist for an officer: list, page, note, dashboard.
    expect((await get('/api/complaints', officer)).json().total).toBe(0);
    expect((await get(`/api/complaints/${trackingId}`, officer)).statusCode).toBe(404);
    const note = await post(`/api/complaints/${trackingId}/notes`, officer, {
      body: 'Cek',
      visibility: 'internal',
      requestId: 'officer-note-1',
    });
    expect(note.statusCode).toBe(404);
    expect((await get('/api/dashboard', officer)).json().byStatus).toEqual({});
  });

  it('refuses a route registered without a roles declaration (deny by default)', async () => {
    const { cookie } = await login(ADMIN);
    // A route added after start-up without `config.roles` (a developer's mistake) is closed, even to admins.
    const app = (await import('fastify')).default();
    const { installAuth } = await import('../../src/http/auth-plugin.js');
    await app.register((await import('@fastify/cookie')).default);
    (await import('../../src/http/errors.js')).installErrorHandler(app, rt.ctx.logger);
    installAuth(app, rt.ctx, {});
    app.get('/api/lupa-peran', async () => ({ secret: true }));
    app.get('/api/public/terbuka', async () => ({ open: true }));
    const res = await app.inject({ method: 'GET', url: '/api/lupa-peran', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    expect((await app.inject({ method: 'GET', url: '/api/public/terbuka' })).statusCode).toBe(200);
    await app.close();
  });

  it('ends sessions on password change, role change, disable and reset; a disabled user cannot log in', async () => {
    const admin = (await login(ADMIN)).cookie;
    const officerUser = await rt.ctx.db.user.findUniqueOrThrow({ where: { email: OFFICER.email } });
    const me = (cookie: string) => http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const patch = (payload: object) =>
      http.inject({ method: 'PATCH', url: `/api/users/${officerUser.id}`, headers: { cookie: admin }, payload });
    let officer = (await login(OFFICER)).cookie;
    expect((await patch({ agencyCode: 'DPUTR' })).statusCode).toBe(200);
    expect((await me(officer)).statusCode).toBe(401);
    officer = (await login(OFFICER)).cookie;
    expect((await patch({ disabled: true })).statusCode).toBe(200);
    expect((await me(officer)).statusCode).toBe(401);
    expect((await login(OFFICER)).res.statusCode).toBe(401);
    expect((await patch({ disabled: false })).statusCode).toBe(200);
    officer = (await login(OFFICER)).cookie;
    const reset = await http.inject({
      method: 'POST',
      url: `/api/users/${officerUser.id}/reset-password`,
      headers: { cookie: admin },
    });
    expect((await me(officer)).statusCode).toBe(401);
    const temporary = reset.json().temporaryPassword as string;
    const first = (await login({ email: OFFICER.email, password: temporary })).cookie;
    const second = (await login({ email: OFFICER.email, password: temporary })).cookie;
    const change = await http.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: temporary, newPassword: OFFICER.password },
    });
    expect(change.statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(200);
    expect((await me(second)).statusCode).toBe(401);
    const audit = await http.inject({ method: 'GET', url: '/api/audit?limit=500', headers: { cookie: admin } });
    const actions = (audit.json().items as { action: string }[]).map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['login', 'user_update', 'user_reset_password', 'POST /api/auth/password']),
    );
  });

  it('lets the real admin in during a 16-way flood of wrong passwords from other addresses', async () => {
    // 16 guessers at once (each from its own address, so no per-address block stops them): the hashing bound
    // queues them behind at most LOGIN_HASH_CONCURRENCY running checks, and the admin's login waits in line
    // instead of being refused or starved.
    const flood = Array.from({ length: 16 }, (_, i) =>
      login({ email: `tebak${i}@cilegon.go.id`, password: 'salah-sekali' }, `10.20.0.${i + 1}`),
    );
    const admin = login(ADMIN, '10.30.0.1');
    const results = await Promise.all([...flood, admin]);
    expect(results.slice(0, 16).map((r) => r.res.statusCode)).toEqual(Array(16).fill(401));
    expect((await admin).res.statusCode).toBe(200);
  });

  it('slows a password guesser: 100 wrong passwords, then the right one is refused until the delay passes', async () => {
    const creds = { email: ADMIN.email, password: 'tebakan-salah' };
    const ip = '10.9.8.7';
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await login(creds, ip)).res.statusCode);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(6))).toEqual(new Set([429]));
    const blocked = await login(ADMIN, ip);
    expect(blocked.res.statusCode).toBe(429);
    expect(blocked.res.json()).toMatchObject({ error: { code: 'too_many_attempts' }, retryAfterSeconds: 2 });
    expect(blocked.res.json().error.message).toContain('silakan coba lagi');
    // From another address the account is blocked too (per-account counter).
    expect((await login(ADMIN, '10.1.1.1')).res.statusCode).toBe(429);
    clock.now = new Date(clock.now.getTime() + 3_000);
    expect((await login(ADMIN, ip)).res.statusCode).toBe(200);
    // The success reset the account, not the address: its next mistake waits longer (7th failure: 4 s).
    expect((await login(creds, ip)).res.statusCode).toBe(401);
    expect((await login(ADMIN, ip)).res.json().retryAfterSeconds).toBe(4);
    const failures = await rt.ctx.db.auditLog.count({ where: { action: 'login', userId: null } });
    expect(failures).toBeGreaterThanOrEqual(100);
  });
});
