// "Akun saya": a one-time code to link a Telegram or WhatsApp chat, the linked chats, unlinking; the user's
// reminders ("Pengingat"); and the agency-head flag admins set (the supervisor told when a follow-up is late).
import { z } from 'zod';
import { listReminders, markReminderRead } from '../../app/escalation-list.js';
import { listOfficerChannels, unlinkOfficerChannel } from '../../app/officer-link.js';
import { createLinkCode } from '../../app/officer-link-code.js';
import { ADMIN_ONLY, ANY_ROLE } from '../../app/roles.js';
import { HttpError } from '../errors.js';
import { type AdminDeps, idParams } from './deps.js';
import { defineRoute } from './route.js';

type App = Parameters<typeof defineRoute>[0];

/** Chat channels an officer can link (the bot must be switched on to receive the code). */
const LINKABLE = ['telegram', 'whatsapp'] as const;

export function registerEscalationRoutes(deps: AdminDeps, app: App) {
  registerLinkRoutes(deps, app);
  registerReminderRoutes(deps, app);
}

function registerLinkRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  const linkable = () => LINKABLE.filter((c) => deps.adapters.has(c));
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/me/link-code',
      roles: ANY_ROLE,
      summary: 'Buat kode sekali pakai untuk menautkan Telegram/WhatsApp ke akun ini',
      tag: 'akun',
      audit: 'officer_link_code',
    },
    async ({ user }) => {
      const ttl = deps.opts.linkCodeTtlMinutes ?? 15;
      const { code, expiresAt } = await createLinkCode(ctx.db, user.id, ctx.now(), ttl);
      // The code is shown once; only its HMAC is stored.
      return { code, expiresAt, ttlMinutes: ttl, message: `TAUTKAN ${code}`, channels: linkable() };
    },
  );
  defineRoute(
    app,
    { method: 'GET', url: '/api/me/channels', roles: ANY_ROLE, summary: 'Kanal obrolan yang tertaut', tag: 'akun' },
    async ({ user }) => ({ items: await listOfficerChannels(ctx.db, user.id), channels: linkable() }),
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/me/channels/:id',
      roles: ANY_ROLE,
      summary: 'Lepas tautan kanal obrolan',
      tag: 'akun',
      params: idParams,
      audit: 'officer_channel_unlink',
    },
    async ({ user, params, reply }) => {
      if (!(await unlinkOfficerChannel(ctx.db, user.id, params.id))) {
        throw new HttpError(404, 'not_found', 'Kanal obrolan tersebut tidak ditemukan pada akun Anda.');
      }
      return reply.status(204).send();
    },
  );
}

function registerReminderRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    { method: 'GET', url: '/api/reminders', roles: ANY_ROLE, summary: 'Pengingat tenggat untuk saya', tag: 'akun' },
    async ({ user }) => ({ items: await listReminders(ctx, user) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/reminders/:id/read',
      roles: ANY_ROLE,
      summary: 'Tandai pengingat sudah dibaca',
      tag: 'akun',
      params: idParams,
      audit: false,
    },
    async ({ user, params }) => {
      if (!(await markReminderRead(ctx, user.id, params.id))) {
        throw new HttpError(404, 'not_found', 'Pengingat tidak ditemukan atau sudah ditandai dibaca.');
      }
      return { ok: true };
    },
  );
  defineRoute(
    app,
    {
      method: 'PUT',
      url: '/api/users/:id/agency-head',
      roles: ADMIN_ONLY,
      summary: 'Tetapkan atau cabut kepala perangkat daerah (menerima pengingat saat tenggat terlampaui)',
      tag: 'admin',
      params: idParams,
      body: z.object({ agencyHead: z.boolean() }),
      audit: 'user_agency_head',
    },
    async ({ params, body }) => {
      const target = await ctx.db.user.findUnique({ where: { id: params.id } });
      if (!target) throw new HttpError(404, 'not_found', 'Pengguna tidak ditemukan.');
      if (body.agencyHead && !target.agencyCode) {
        throw new HttpError(400, 'agency_required', 'Kepala perangkat daerah harus terhubung ke sebuah OPD.');
      }
      const u = await ctx.db.user.update({ where: { id: params.id }, data: { agencyHead: body.agencyHead } });
      return { user: { id: u.id, agencyCode: u.agencyCode, agencyHead: u.agencyHead } };
    },
  );
}
