// The chatter list: messages the classifier judged not a complaint wait here for the desk, which can turn one
// into a complaint (the reporter then gets the acknowledgement with its tracking ID).
import { z } from 'zod';
import { listChatter, promoteChatter } from '../../app/chatter-promote.js';
import { DESK } from '../../app/roles.js';
import type { AdminDeps } from './deps.js';
import { defineRoute } from './route.js';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
});
const messageParams = z.object({ messageId: z.string().min(1).max(64) });

/** GET /api/chatter and POST /api/chatter/:messageId/promote, for the desk (admins and reviewers). */
export function registerChatterRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/chatter',
      roles: DESK,
      summary: 'Pesan yang bukan pengaduan (obrolan), menunggu ditinjau',
      tag: 'complaints',
      query: listQuery,
    },
    async ({ query }) => ({ items: await listChatter(deps.ctx, query) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/chatter/:messageId/promote',
      roles: DESK,
      summary: 'Jadikan pesan obrolan sebagai laporan',
      tag: 'complaints',
      params: messageParams,
      audit: 'chatter.promote',
    },
    async ({ params, user }) => promoteChatter(deps.ctx, params.messageId, user.email),
  );
}
