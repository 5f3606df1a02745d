// SP4N-LAPOR! export for the desk: the complaints of a period and filter in LAPOR!'s fields, as CSV (UTF-8
// with BOM, so spreadsheet programs read the Indonesian text right) or JSON.
import { z } from 'zod';
import { type ExportFilter, SP4N_FIELDS, sp4nCsv, sp4nRecords } from '../../app/export-sp4n.js';
import { DESK } from '../../app/roles.js';
import { STATUSES } from '../../domain/process.js';
import type { AdminDeps } from './deps.js';
import { defineRoute } from './route.js';

const exportQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  status: z.enum(STATUSES).optional(),
  agency: z.string().max(40).optional(),
  format: z.enum(['csv', 'json']).default('csv'),
});

export function registerExportRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/export/sp4n-lapor',
      roles: DESK,
      summary: 'Ekspor laporan dalam isian SP4N-LAPOR! (CSV atau JSON)',
      tag: 'complaints',
      query: exportQuery,
      produces: 'text/csv, application/json',
      audit: 'export_sp4n',
    },
    async ({ query, reply }) => {
      const filter: ExportFilter = query;
      const records = await sp4nRecords(ctx, filter);
      const day = ctx.now().toISOString().slice(0, 10);
      if (query.format === 'json') {
        return { exportedAt: ctx.now(), fields: SP4N_FIELDS, count: records.length, items: records };
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sp4n-lapor-${day}.csv"`)
        .send(`\uFEFF${sp4nCsv(records)}`);
    },
  );
}
