// Builds the HTTP server: public web channel + admin API.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebAdapter } from '../../adapters/web/index.js';
import { isWhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import type { AppContext } from '../app/context.js';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAdminUi } from './admin-ui.js';
import { installErrorHandler, sendError } from './errors.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerStatsRoutes } from './stats-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import { registerWhatsAppStatusRoutes } from './whatsapp-routes.js';

export interface HttpOptions {
  sessionTtlHours: number;
  attachmentsDir: string;
  cookieSecure: boolean;
}

/** Creates (but does not listen on) the HTTP server. */
export async function createHttpServer(
  ctx: AppContext,
  web: WebAdapter,
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>,
  opts: HttpOptions,
): Promise<FastifyInstance> {
  // 256 KiB is ample for a 20,000-character complaint in UTF-8 plus form overhead.
  const app = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    trustProxy: true,
    // A malformed URL (bad %-escape, overlong parameter) gets the same error shape as any other bad input.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply, ctx.logger),
  });
  await app.register(cookie);
  await app.register(formbody);
  installErrorHandler(app, ctx.logger);
  registerPublicRoutes(app, ctx, web);
  registerAdminRoutes(app, ctx, opts);
  registerStatsRoutes(app, ctx);
  await registerAdminUi(app);
  await registerWebhookRoutes(app, ctx.db, adapters);
  const whatsapp = adapters.get('whatsapp');
  if (whatsapp && isWhatsAppWebAdapter(whatsapp)) registerWhatsAppStatusRoutes(app, ctx, whatsapp);
  return app;
}
