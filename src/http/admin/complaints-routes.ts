// Reading complaints: the queue (filters, search, CSV), live changes, the complaint page, attachments.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { complaintDetail } from '../../app/complaint-detail.js';
import { complaintChanges, complaintsCsv, listComplaints } from '../../app/complaint-list.js';
import { ANY_ROLE, complaintScope } from '../../app/roles.js';
import { STATUSES } from '../../domain/process.js';
import { HttpError } from '../errors.js';
import { type AdminDeps, idParams, trackingParams } from './deps.js';
import { defineRoute } from './route.js';

type App = Parameters<typeof defineRoute>[0];

export const listQuery = z.object({
  status: z.enum(STATUSES).optional(),
  agency: z.string().max(40).optional(),
  channel: z.string().max(20).optional(),
  needsReview: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['verify', 'follow_up', 'at_risk']).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(['newest', 'urgent']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  format: z.enum(['json', 'csv']).default('json'),
});

const changesQuery = z.object({ since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)) });

export function registerComplaintRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  registerQueueRoutes(deps, app);
  registerComplaintPageRoutes(deps, app);
}

/** The queue and its live changes. */
function registerQueueRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/complaints',
      roles: ANY_ROLE,
      summary: 'Daftar laporan (filter, pencarian, CSV)',
      tag: 'complaints',
      query: listQuery,
      produces: 'application/json, text/csv',
    },
    async ({ query, user, reply }) => {
      if (query.format === 'csv') {
        const csv = await complaintsCsv(ctx, user, query);
        const day = ctx.now().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="laporan-${day}.csv"`)
          .send(`\uFEFF${csv}`);
      }
      return listComplaints(ctx, user, query);
    },
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/complaints/changes',
      roles: ANY_ROLE,
      summary: 'Laporan yang berubah sejak suatu waktu',
      tag: 'complaints',
      query: changesQuery,
    },
    async ({ query, user }) => complaintChanges(ctx, user, query.since),
  );
}

/** The complaint page and its files. */
function registerComplaintPageRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/complaints/:id',
      roles: ANY_ROLE,
      summary: 'Halaman laporan',
      tag: 'complaints',
      params: trackingParams,
    },
    async ({ params, user }) => complaintDetail(ctx, user, params.id),
  );
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/attachments/:id',
      roles: ANY_ROLE,
      summary: 'Berkas lampiran',
      tag: 'complaints',
      params: idParams,
      produces: 'image/*, application/pdf',
    },
    async ({ params, user, reply }) => {
      const a = await ctx.db.attachment.findFirst({ where: { id: params.id, complaint: complaintScope(user) } });
      if (!a) throw new HttpError(404, 'not_found', 'Lampiran tidak ditemukan.');
      if (!a.storagePath)
        throw new HttpError(409, 'not_downloaded', 'Berkas ini belum selesai diunduh dari kanal pelapor.');
      const bytes = await readFile(path.join(deps.opts.attachmentsDir, a.storagePath));
      return reply
        .type(a.mimeType ?? 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}
