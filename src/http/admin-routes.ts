// The admin JSON API used by the admin web app (ui/) and the office's tools. Each area lives in its own file
// under src/http/admin/; the security around every route lives in src/http/auth-plugin.ts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { createSemaphore } from '../app/semaphore.js';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { registerAuthRoutes } from './admin/auth-routes.js';
import { registerCaseRoutes } from './admin/case-routes.js';
import { registerChatterRoutes } from './admin/chatter-routes.js';
import { registerComplaintActionRoutes } from './admin/complaint-actions-routes.js';
import { registerComplaintRoutes } from './admin/complaints-routes.js';
import { registerDashboardRoutes } from './admin/dashboard-routes.js';
import type { AdminOptions } from './admin/deps.js';
import { registerDuplicateRoutes } from './admin/duplicate-routes.js';
import { registerEscalationRoutes } from './admin/escalation-routes.js';
import { registerExportRoutes } from './admin/export-routes.js';
import { registerHealthRoutes } from './admin/health-routes.js';
import { registerOpenApiRoute } from './admin/openapi-routes.js';
import { registerSatisfactionRoutes } from './admin/satisfaction-routes.js';
import { registerUserRoutes } from './admin/users-routes.js';
import { registerWebhookOutRoutes } from './admin/webhook-out-routes.js';

export { SESSION_COOKIE } from './auth-plugin.js';

/** Registers every admin API route. */
export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  opts: AdminOptions & { loginHashConcurrency?: number },
  adapters: ReadonlyMap<ChannelName, ChannelAdapter> = new Map(),
) {
  const concurrency = opts.loginHashConcurrency ?? 2;
  // A 16-way flood waits in line (about 8 hashes ahead of a real admin at the default 2); beyond that: 429.
  const deps = { ctx, opts, adapters, hashSlots: createSemaphore(concurrency, concurrency * 16) };
  for (const register of [
    registerAuthRoutes,
    registerComplaintRoutes,
    registerComplaintActionRoutes,
    registerCaseRoutes,
    registerDuplicateRoutes,
    registerDashboardRoutes,
    registerUserRoutes,
    registerHealthRoutes,
    registerChatterRoutes,
    registerEscalationRoutes,
    registerWebhookOutRoutes,
    registerExportRoutes,
    registerSatisfactionRoutes,
    registerOpenApiRoute,
  ]) {
    register(deps, app);
  }
}
