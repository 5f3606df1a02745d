// Builds the HTTP server: public web channel + admin API.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppContext } from '../app/context.js';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import type { WebAdapter } from '../channels/web-door.js';
import type { AppLogger } from '../logger.js';
import { collectRoutes } from './admin/openapi-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAdminUi } from './admin-ui.js';
import { installAuth } from './auth-plugin.js';
import { registerChannelPages } from './channel-pages.js';
import { installErrorHandler, sendError } from './errors.js';
import { registerOpen311Routes } from './open311/routes.js';
import { DEFAULT_PUBLIC_RATE_LIMITS, type PublicRateLimits, tooManyRequests } from './public/rate-limits.js';
import { registerPublicRoutes } from './public-routes.js';
import { registerStatsRoutes } from './stats-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

export interface HttpOptions {
  sessionTtlHours: number;
  attachmentsDir: string;
  cookieSecure: boolean;
  /** The product's public origin; state changes from any other origin are refused. */
  publicBaseUrl?: string;
  attachmentMaxBytes?: number;
  /** Concurrent password verifications per process (LOGIN_HASH_CONCURRENCY). */
  loginHashConcurrency?: number;
  /** Login attempts per minute per client address (LOGIN_ATTEMPTS_PER_MINUTE). */
  loginAttemptsPerMinute?: number;
  /** Lifetime of a chat-link code (LINK_CODE_TTL_MINUTES). */
  linkCodeTtlMinutes?: number;
  /** Per-address limits of the public doors (RATE_LIMIT_*). */
  publicRateLimits?: PublicRateLimits;
  /** TRUST_PROXY: which proxies may set the client address. */
  trustProxy?: boolean | string;
  /** The product's logger: Fastify writes its request log through it (redacted like every line). */
  logger?: AppLogger;
}

/** The Content-Security-Policy of every page: no inline script, nothing from another origin. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

/** Creates (but does not listen on) the HTTP server. */
export async function createHttpServer(
  ctx: AppContext,
  web: WebAdapter,
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>,
  opts: HttpOptions,
): Promise<FastifyInstance> {
  const trustProxy: FastifyServerOptions['trustProxy'] = opts.trustProxy ?? 'loopback';
  // 256 KiB is ample for a 20,000-character complaint in UTF-8 plus form overhead.
  const app = Fastify({
    // Fastify's request log ("incoming request", "request completed") goes through the product's logger.
    loggerInstance: opts.logger as FastifyBaseLogger | undefined,
    bodyLimit: 256 * 1024,
    // Who may set X-Forwarded-For: trusting everyone would let any client pick its address and dodge limits.
    trustProxy,
    // A malformed URL (bad %-escape, overlong parameter) gets the same error shape as any other bad input.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply, ctx.logger),
  });
  collectRoutes(app);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  // Form bodies exist for the public /lapor form only; /api refuses them (see auth-plugin.ts).
  await app.register(formbody);
  installErrorHandler(app, ctx.logger);
  installAuth(app, ctx, { publicBaseUrl: opts.publicBaseUrl });
  // Limits are per route (global: false): the public doors have them, signed webhooks do not.
  await app.register(rateLimit, { global: false, errorResponseBuilder: tooManyRequests });
  await registerPublicRoutes(app, ctx, web, {
    rateLimits: opts.publicRateLimits ?? DEFAULT_PUBLIC_RATE_LIMITS,
    attachmentMaxBytes: opts.attachmentMaxBytes ?? 10 * 1024 * 1024,
  });
  await registerOpen311Routes(app, ctx, adapters, opts.publicRateLimits?.reportsPerMinute);
  registerAdminRoutes(app, ctx, { attachmentMaxBytes: 10 * 1024 * 1024, ...opts }, adapters);
  registerStatsRoutes(app, ctx, (opts.publicRateLimits ?? DEFAULT_PUBLIC_RATE_LIMITS).lookupsPerMinute);
  await registerAdminUi(app);
  await registerWebhookRoutes(app, ctx.db, adapters);
  // Pages a channel serves itself (WhatsApp Web's QR page), mounted through the adapter contract.
  registerChannelPages(app, ctx, adapters);
  return app;
}
