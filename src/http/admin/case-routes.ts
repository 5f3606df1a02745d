// Case work on several complaints: merge a duplicate, split a message out, bulk actions, retry a failed
// delivery, block a reporter.
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { retryOutbox } from '../../app/desk-changes.js';
import { mergeComplaint, splitMessage } from '../../app/merge.js';
import { ADMIN_ONLY, DESK, DESK_AND_OFFICER, type SessionUser } from '../../app/roles.js';
import { HttpError } from '../errors.js';
import { transitionBody, transitionFor } from './complaint-actions-routes.js';
import { type AdminDeps, idParams, trackingParams } from './deps.js';
import { defineRoute, mapErrors } from './route.js';

type App = Parameters<typeof defineRoute>[0];

const trackingId = z
  .string()
  .min(1)
  .max(40)
  .transform((s) => s.toUpperCase());

const bulkBody = transitionBody.extend({ trackingIds: z.array(trackingId).min(1).max(200) });

/** One transition per complaint, each answered on its own. */
async function bulkTransition(ctx: AppContext, user: SessionUser, body: z.infer<typeof bulkBody>) {
  const { trackingIds, ...action } = body;
  const results: { trackingId: string; ok: boolean; to?: string; error?: { code: string; message: string } }[] = [];
  // One transaction per complaint: one refusal (a stale or closed complaint) does not undo the others.
  for (const id of [...new Set(trackingIds)]) {
    try {
      const r = await mapErrors(() => transitionFor(ctx, user, id, action));
      results.push({ trackingId: id, ok: true, to: r.to });
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      results.push({ trackingId: id, ok: false, error: { code: err.code, message: err.message } });
    }
  }
  return { results };
}

export function registerCaseRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  registerMergeRoutes(deps, app);
  registerBatchRoutes(deps, app);
}

/** Merge and split. */
function registerMergeRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/merge',
      roles: DESK,
      summary: 'Gabungkan laporan ganda ke laporan utama',
      tag: 'cases',
      params: trackingParams,
      body: z.object({ into: trackingId }),
      audit: 'merge',
    },
    async ({ params, body, user }) =>
      mergeComplaint(ctx, { trackingId: params.id, into: body.into, actor: user.email }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/split',
      roles: DESK,
      summary: 'Pisahkan pesan menjadi laporan baru',
      tag: 'cases',
      params: trackingParams,
      body: z.object({ messageId: z.string().min(1).max(64) }),
      audit: 'split',
    },
    async ({ params, body, user }) =>
      splitMessage(ctx, { trackingId: params.id, messageId: body.messageId, actor: user.email }),
  );
}

/** Bulk actions, delivery retry, reporter block. */
function registerBatchRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/bulk',
      roles: DESK_AND_OFFICER,
      summary: 'Tindakan massal pada beberapa laporan',
      tag: 'cases',
      body: bulkBody,
      audit: 'bulk',
    },
    async ({ body, user }) => bulkTransition(ctx, user, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/outbox/:id/retry',
      roles: DESK,
      summary: 'Kirim ulang pesan yang gagal terkirim',
      tag: 'cases',
      params: idParams,
      audit: 'outbox_retry',
    },
    async ({ params }) => {
      await retryOutbox(ctx, params.id);
      return { ok: true };
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/reporters/:id/block',
      roles: ADMIN_ONLY,
      summary: 'Blokir atau buka blokir pelapor',
      tag: 'cases',
      params: idParams,
      body: z.object({ blocked: z.boolean() }),
      audit: 'reporter_block',
    },
    async ({ params, body }) => {
      const found = await ctx.db.reporter.findUnique({ where: { id: params.id } });
      if (!found) throw new HttpError(404, 'not_found', 'Pelapor tidak ditemukan.');
      // Blocking only stops answers: the reporter's messages are still stored, nothing is deleted.
      await ctx.db.reporter.update({ where: { id: found.id }, data: { blocked: body.blocked } });
      return { id: found.id, blocked: body.blocked };
    },
  );
}
