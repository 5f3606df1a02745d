// One place for the admin API's security: who is calling (session cookie), whether their role may call the
// route (every /api route declares `config.roles`; a route without one is refused), cross-site protection for
// cookie-authenticated state changes, JSON-only bodies, no-store caching and the audit trail.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { writeAudit } from '../app/audit.js';
import { userForSession } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import { isRole, type Role, type SessionUser } from '../app/roles.js';
import { maskPersonalData } from '../domain/privacy.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'kanal_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route; required on every /api route that is not public. */
    roles?: readonly Role[];
    /** Audit action name for a state change; false when the route audits itself (login). */
    audit?: string | false;
  }
  interface FastifyRequest {
    /** The logged-in user, set by the auth plugin on routes that declare roles. */
    user: SessionUser | null;
  }
}

/** Routes under /api that need no session. */
const PUBLIC_API = [/^\/api\/public\//, /^\/api\/auth\/login$/, /^\/api\/openapi\.json$/];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether an /api route is reachable without a session. */
export const isPublicApi = (url: string) => PUBLIC_API.some((re) => re.test(url));

/** The request's own origin: PUBLIC_BASE_URL when set, else protocol + host as the request states them. */
function ownOrigins(req: FastifyRequest, publicBaseUrl: string | undefined): string[] {
  const own = [`${req.protocol}://${req.host}`];
  if (publicBaseUrl) own.push(new URL(publicBaseUrl).origin);
  return own;
}

/**
 * Refuses a cross-site state change: SameSite=Strict cookies still travel between same-site origins (another
 * port or another *.go.id application of the city), so Fetch Metadata and Origin are checked as well.
 */
export function assertSameOrigin(req: FastifyRequest, publicBaseUrl: string | undefined) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'cross_site', 'Permintaan dari situs lain ditolak demi keamanan.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req, publicBaseUrl).includes(origin)) {
    throw new HttpError(403, 'cross_site', 'Permintaan dari situs lain ditolak demi keamanan.');
  }
}

/** /api takes JSON bodies only, so an HTML form on any other site cannot post to it. */
function assertJsonBody(req: FastifyRequest) {
  const type = req.headers['content-type'];
  const hasBody =
    type !== undefined || Number(req.headers['content-length'] ?? 0) > 0 || !!req.headers['transfer-encoding'];
  if (hasBody && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'Permintaan harus berformat JSON (application/json).');
  }
}

async function authenticate(ctx: AppContext, req: FastifyRequest, roles: readonly Role[] | undefined) {
  if (!roles) {
    // Deny by default: a route someone forgot to declare is closed, not open.
    throw new HttpError(403, 'forbidden', 'Akses ke alamat ini tidak diizinkan.');
  }
  const user = await userForSession(ctx.db, req.cookies[SESSION_COOKIE], ctx.now());
  if (!user || !isRole(user.role)) {
    throw new HttpError(401, 'unauthenticated', 'Sesi Anda tidak berlaku atau sudah berakhir. Silakan masuk kembali.');
  }
  if (!roles.includes(user.role)) {
    throw new HttpError(403, 'forbidden', 'Peran Anda tidak memiliki izin untuk tindakan ini.');
  }
  req.user = { id: user.id, email: user.email, name: user.name, role: user.role, agencyCode: user.agencyCode };
}

/** Installs the hooks on the root instance (not encapsulated: they must cover every route). */
export function installAuth(app: FastifyInstance, ctx: AppContext, opts: { publicBaseUrl?: string }) {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const url = req.url.split('?')[0] ?? '';
    const changing = STATE_CHANGING.has(req.method);
    // Every cookie-authenticated state change, including the HTML admin pages (WhatsApp restart).
    if (changing && (url.startsWith('/api/') || url.startsWith('/admin'))) assertSameOrigin(req, opts.publicBaseUrl);
    if (!url.startsWith('/api/')) return;
    if (changing) assertJsonBody(req);
    const route = req.routeOptions.url;
    if (route === undefined || isPublicApi(route)) return; // unknown routes fall through to the 404 handler
    await authenticate(ctx, req, req.routeOptions.config.roles);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const url = req.url.split('?')[0] ?? '';
    // Everything under /api except the OpenAPI document can carry personal data: never cached.
    if (url.startsWith('/api/') && url !== '/api/openapi.json') reply.header('cache-control', 'no-store');
    await auditStateChange(ctx, req, reply);
    return payload;
  });
}

/** Writes the audit row of a successful state change by a logged-in user. */
async function auditStateChange(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const config = req.routeOptions.config;
  if (!STATE_CHANGING.has(req.method) || !req.user || reply.statusCode >= 400 || config.audit === false) return;
  const params = (req.params ?? {}) as Record<string, string>;
  try {
    await writeAudit(ctx.db, {
      user: req.user,
      action: config.audit ?? `${req.method} ${req.routeOptions.url}`,
      targetType: params.id ? (req.routeOptions.url?.split('/')[2] ?? null) : params.code ? 'agencies' : null,
      targetId: params.id ?? params.code ?? null,
      detail: req.body,
      ip: req.ip,
      now: ctx.now(),
    });
  } catch (err) {
    // A URL can carry a search for a phone number or a NIK: logs get it masked.
    ctx.logger.error({ err, url: maskPersonalData(req.url) }, 'audit write failed');
  }
}
