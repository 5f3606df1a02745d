// The desk clears the flag a reporter's low rating or "belum selesai" raised, once it has looked at it.
import { complaintScope, DESK_AND_OFFICER } from '../../app/roles.js';
import { HttpError } from '../errors.js';
import { type AdminDeps, trackingParams } from './deps.js';
import { defineRoute } from './route.js';

export function registerSatisfactionRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/flag/clear',
      roles: DESK_AND_OFFICER,
      summary: 'Tandai penilaian rendah sudah ditinjau',
      tag: 'complaints',
      params: trackingParams,
      audit: 'flag_clear',
    },
    async ({ params, user }) => {
      const { count } = await ctx.db.complaint.updateMany({
        where: { trackingId: params.id, flaggedAt: { not: null }, ...complaintScope(user) },
        data: { flaggedAt: null, flagReason: null },
      });
      if (count === 0) throw new HttpError(404, 'not_flagged', 'Laporan ini tidak sedang ditandai.');
      return { cleared: true };
    },
  );
}
