// Channels' own admin pages (ChannelAdapter.routes): the HTTP layer gives each adapter a narrow ChannelHttp and
// checks the admin session before the adapter's handler runs, so no adapter knows Fastify, sessions or roles.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userForSession } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import type { ChannelAdapter, ChannelHttp, ChannelName } from '../channels/contract.js';
import { SESSION_COOKIE } from './admin-routes.js';
import { HttpError } from './errors.js';

/** Lets every adapter that has pages mount them. */
export function registerChannelPages(
  app: FastifyInstance,
  ctx: AppContext,
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>,
): void {
  const http = channelHttp(app, ctx);
  for (const adapter of adapters.values()) adapter.routes?.(http);
}

function channelHttp(app: FastifyInstance, ctx: AppContext): ChannelHttp {
  async function requireAdmin(req: FastifyRequest) {
    const user = await userForSession(ctx.db, req.cookies[SESSION_COOKIE]);
    if (!user) throw new HttpError(401, 'unauthenticated', 'Silakan masuk sebagai admin terlebih dahulu.');
    // A channel's page may link the city's account to this server (a QR): officers must not see it.
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'Halaman ini hanya untuk admin.');
    return user;
  }
  return {
    timeZone: ctx.city.timeZone,
    adminPage(method, path, handle) {
      // The session cookie is SameSite=Strict, so a cross-site form cannot POST here.
      app.route({
        method,
        url: path,
        handler: async (req, reply) => {
          const result = await handle(await requireAdmin(req));
          if ('redirect' in result) return reply.redirect(result.redirect, 303);
          return reply
            .header('cache-control', 'no-store')
            .header('x-frame-options', 'DENY')
            .type('text/html; charset=utf-8')
            .send(result.html);
        },
      });
    },
  };
}
