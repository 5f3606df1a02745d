// Suggested duplicates of a complaint (same problem, same place, close in time) for the desk to merge by hand:
// the API only suggests; merging stays POST /api/complaints/:id/merge.
import { duplicateCandidates } from '../../app/duplicate-candidates.js';
import { DESK_AND_OFFICER } from '../../app/roles.js';
import { type AdminDeps, trackingParams } from './deps.js';
import { defineRoute } from './route.js';

/** Registers GET /api/complaints/:id/duplicate-candidates. */
export function registerDuplicateRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/complaints/:id/duplicate-candidates',
      // Officers see suggestions among their own agency's complaints only (404 for another agency's complaint).
      roles: DESK_AND_OFFICER,
      summary: 'Usulan laporan ganda (teks, lokasi, waktu); tidak menggabungkan apa pun',
      tag: 'cases',
      params: trackingParams,
    },
    async ({ params, user }) => ({ items: await duplicateCandidates(deps.ctx, user, params.id) }),
  );
}
