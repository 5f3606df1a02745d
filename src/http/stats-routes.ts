// Public figures, as a mayor reads them ("270 complaints recorded, all followed up, 4 still in process") and
// as the Ombudsman asks for them: counts per status, agency and channel, and how the clocks were kept.
// Aggregates only: no text, no reporter, nothing a confidential report could be recognised by. A cell of 1-4
// complaints is withheld (null) and the period is widened to whole days, so no cell describes one person.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { ratingsPerAgency } from '../app/satisfaction-stats.js';
import { overdueWhere } from '../domain/sla.js';
import { perMinute } from './public/rate-limits.js';
import { cell, MIN_CELL, wholeDays } from './public/stats-privacy.js';
import { publicRatings } from './public/stats-ratings.js';

const query = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

/** GET /api/public/stats?from=&to= (ISO dates; complaints received in that period). */
export function registerStatsRoutes(app: FastifyInstance, ctx: AppContext, lookupsPerMinute = 20) {
  app.get('/api/public/stats', { config: perMinute(lookupsPerMinute) }, async (req) => {
    const asked = query.parse(req.query);
    const q = wholeDays(asked.from, asked.to, ctx.city.timeZone);
    const period = { createdAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } };
    const now = ctx.now();
    const [total, byStatus, byAgency, byChannel, agencies, verifiedLate, followUpLate, verifyOverdue, followUpOverdue] =
      await Promise.all([
        ctx.db.complaint.count({ where: period }),
        ctx.db.complaint.groupBy({ by: ['status'], where: period, _count: { _all: true } }),
        ctx.db.complaint.groupBy({ by: ['assignedAgency'], where: period, _count: { _all: true } }),
        ctx.db.complaint.groupBy({ by: ['channel'], where: period, _count: { _all: true } }),
        ctx.db.agency.findMany({ select: { code: true, name: true } }),
        ctx.db.complaint.findMany({
          where: { ...period, verifiedAt: { not: null } },
          select: { verifiedAt: true, verifyDueAt: true },
        }),
        ctx.db.complaint.findMany({
          where: { ...period, followedUpAt: { not: null } },
          select: { followedUpAt: true, followUpDueAt: true },
        }),
        ctx.db.complaint.count({ where: { ...period, ...overdueWhere('verify', now) } }),
        ctx.db.complaint.count({ where: { ...period, ...overdueWhere('follow_up', now) } }),
      ]);
    const names = new Map(agencies.map((a) => [a.code, a.name]));
    const ratings = await ratingsPerAgency(ctx.db, { from: q.from ?? new Date(0), to: q.to ?? now });
    const late = (rows: { done: Date | null; due: Date | null }[]) =>
      rows.filter((r) => r.done && r.due && r.done > r.due).length;
    return {
      period: { from: q.from ?? null, to: q.to ?? null },
      /** Counts of 1 to this-minus-one are withheld as null. */
      minimumCount: MIN_CELL,
      total: cell(total),
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, cell(r._count._all)])),
      byAgency: byAgency
        .filter((r) => r.assignedAgency)
        .map((r) => ({
          code: r.assignedAgency,
          name: names.get(r.assignedAgency ?? '') ?? r.assignedAgency,
          count: cell(r._count._all),
        })),
      byChannel: Object.fromEntries(byChannel.map((r) => [r.channel, cell(r._count._all)])),
      verification: {
        done: cell(verifiedLate.length),
        late: cell(late(verifiedLate.map((r) => ({ done: r.verifiedAt, due: r.verifyDueAt })))),
        overdueNow: cell(verifyOverdue),
      },
      satisfaction: publicRatings(ratings, names),
      followUp: {
        done: cell(followUpLate.length),
        late: cell(late(followUpLate.map((r) => ({ done: r.followedUpAt, due: r.followUpDueAt })))),
        overdueNow: cell(followUpOverdue),
      },
    };
  });
}
