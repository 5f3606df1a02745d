// Login, logout, the current user and password change.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { writeAudit } from '../../app/audit.js';
import { changePassword, login, logout, sessionId } from '../../app/auth.js';
import { ANY_ROLE } from '../../app/roles.js';
import { SESSION_COOKIE } from '../auth-plugin.js';
import { HttpError } from '../errors.js';
import type { AdminDeps } from './deps.js';
import { defineRoute } from './route.js';

type App = Parameters<typeof defineRoute>[0];

const loginBody = z.object({ email: z.string().email().max(254), password: z.string().min(1).max(200) });
const passwordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(8).max(200) });

/** The user as the API shows it. */
export const userView = (u: { id: string; email: string; name: string; role: string; agencyCode: string | null }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  agencyCode: u.agencyCode,
});

function tooMany(reply: FastifyReply, seconds: number, busy: boolean) {
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} detik` : `${minutes} menit`;
  reply.header('retry-after', String(seconds));
  return reply.status(429).send({
    error: {
      code: 'too_many_attempts',
      message: busy
        ? 'Server sedang menerima banyak permintaan masuk. Mohon tunggu sebentar lalu coba lagi.'
        : `Terlalu banyak percobaan masuk yang gagal. Demi keamanan, silakan coba lagi dalam ${wait}.`,
    },
    retryAfterSeconds: seconds,
  });
}

export function registerAuthRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  registerLoginRoute(deps, app);
  registerSessionRoutes(deps, app);
}

/** Login, throttled and audited. */
function registerLoginRoute(deps: AdminDeps, app: App) {
  const { ctx, opts } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/auth/login',
      roles: 'public',
      summary: 'Masuk',
      tag: 'auth',
      body: loginBody,
      audit: false,
      // A flood from one address is refused here, in memory: no database read, no audit row, no hashing.
      rateLimit: { max: opts.loginAttemptsPerMinute ?? 30, timeWindow: 60_000 },
    },
    async ({ body, req, reply }) => {
      const now = ctx.now();
      const result = await login(ctx.db, body.email, body.password, {
        ttlHours: opts.sessionTtlHours,
        now,
        ip: req.ip,
        hashSlots: deps.hashSlots,
      });
      const audit = { action: 'login', ip: req.ip, now, targetType: 'users' };
      if (!result.ok) {
        await writeAudit(ctx.db, {
          ...audit,
          user: null,
          actor: body.email.toLowerCase(),
          detail: { outcome: result.reason },
        });
        if (result.reason !== 'invalid') return tooMany(reply, result.retryAfterSeconds, result.reason === 'busy');
        throw new HttpError(401, 'invalid_credentials', 'Email atau kata sandi salah.');
      }
      await writeAudit(ctx.db, { ...audit, user: result.user, targetId: result.user.id, detail: { outcome: 'ok' } });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.cookieSecure,
        // Whole seconds: a fractional SESSION_TTL_HOURS (0.5) must not make the cookie invalid.
        maxAge: Math.max(1, Math.floor(opts.sessionTtlHours * 3600)),
      });
      return { user: userView(result.user) };
    },
  );
}

/** Logout, current user, password change. */
function registerSessionRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    { method: 'POST', url: '/api/auth/logout', roles: ANY_ROLE, summary: 'Keluar', tag: 'auth' },
    async ({ req, reply }) => {
      await logout(ctx.db, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
  defineRoute(
    app,
    { method: 'GET', url: '/api/auth/me', roles: ANY_ROLE, summary: 'Pengguna yang sedang masuk', tag: 'auth' },
    async ({ user }) => ({
      user: userView(user),
    }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/auth/password',
      roles: ANY_ROLE,
      summary: 'Ganti kata sandi (mengakhiri sesi lain)',
      tag: 'auth',
      body: passwordBody,
    },
    async ({ body, user, req }) => {
      const token = req.cookies[SESSION_COOKIE] ?? '';
      const ok = await changePassword(ctx.db, user.id, body.currentPassword, body.newPassword, sessionId(token));
      if (!ok) throw new HttpError(400, 'invalid_credentials', 'Kata sandi saat ini salah.');
      return { ok: true };
    },
  );
}
