// The supervisor's dashboard and the short figures of the old /api/stats.
import { z } from 'zod';
import { dashboard } from '../../app/dashboard.js';
import { ANY_ROLE, complaintScope } from '../../app/roles.js';
import { overdueWhere } from '../../domain/sla.js';
import type { AdminDeps } from './deps.js';
import { defineRoute } from './route.js';

const range = z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() });

export function registerDashboardRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/dashboard',
      roles: ANY_ROLE,
      summary: 'Dasbor pengawas',
      tag: 'dashboard',
      query: range,
    },
    async ({ query, user }) => dashboard(ctx, user, query),
  );

  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/stats',
      roles: ANY_ROLE,
      summary: 'Jumlah laporan per status, OPD, kanal, dan yang terlambat',
      tag: 'dashboard',
    },
    async ({ user }) => {
      const now = ctx.now();
      const scope = complaintScope(user);
      const [byStatus, byAgency, byChannel, verifyOverdue, followUpOverdue] = await Promise.all([
        ctx.db.complaint.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
        ctx.db.complaint.groupBy({ by: ['assignedAgency'], where: scope, _count: { _all: true } }),
        ctx.db.complaint.groupBy({ by: ['channel'], where: scope, _count: { _all: true } }),
        ctx.db.complaint.count({ where: { ...scope, ...overdueWhere('verify', now) } }),
        ctx.db.complaint.count({ where: { ...scope, ...overdueWhere('follow_up', now) } }),
      ]);
      const count = <K extends string>(rows: ({ _count: { _all: number } } & Record<K, string | null>)[], k: K) =>
        Object.fromEntries(rows.map((r) => [r[k] ?? 'unassigned', r._count._all]));
      return {
        byStatus: count(byStatus, 'status'),
        byAgency: count(byAgency, 'assignedAgency'),
        byChannel: count(byChannel, 'channel'),
        overdue: { verify: verifyOverdue, followUp: followUpOverdue },
      };
    },
  );
}
