// Admin-only WhatsApp Web page: connection state, the QR to scan, the alert after a logout.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderWhatsAppStatusHtml, type WhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import { userForSession } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import { SESSION_COOKIE } from './admin-routes.js';
import { HttpError } from './errors.js';

/** GET /admin/whatsapp (status page) and POST /admin/whatsapp/restart, for admins only. */
export function registerWhatsAppStatusRoutes(app: FastifyInstance, ctx: AppContext, whatsapp: WhatsAppWebAdapter) {
  async function requireAdmin(req: FastifyRequest) {
    const user = await userForSession(ctx.db, req.cookies[SESSION_COOKIE]);
    if (!user) throw new HttpError(401, 'unauthenticated', 'Silakan masuk sebagai admin terlebih dahulu.');
    // The QR links the city's WhatsApp number to this server: officers must not see it.
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'Halaman ini hanya untuk admin.');
    return user;
  }

  app.get('/admin/whatsapp', async (req, reply) => {
    await requireAdmin(req);
    return reply
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(
        renderWhatsAppStatusHtml(whatsapp.status(), {
          timeZone: ctx.city.timeZone,
          restartPath: '/admin/whatsapp/restart',
        }),
      );
  });

  // The session cookie is SameSite=Strict, so a cross-site form cannot trigger this.
  app.post('/admin/whatsapp/restart', async (req, reply) => {
    const user = await requireAdmin(req);
    ctx.logger.warn({ channel: 'whatsapp', by: user.email }, 'whatsapp web restart requested');
    await whatsapp.restart();
    return reply.redirect('/admin/whatsapp', 303);
  });
}
