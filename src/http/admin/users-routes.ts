// Administration: users (every change ends the user's sessions) and the agency list.
import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE, ROLES } from '../../app/roles.js';
import { createUser, resetPassword, updateUser } from '../../app/users.js';
import { HttpError } from '../errors.js';
import { userView } from './auth-routes.js';
import { type AdminDeps, idParams } from './deps.js';
import { defineRoute } from './route.js';

const agencyCode = z.string().regex(/^[A-Za-z0-9_]{2,40}$/, 'kode 2-40 huruf, angka atau _');
const newUser = z.object({
  email: z.string().email().max(254),
  name: z.string().trim().min(2).max(120),
  role: z.enum(ROLES),
  agencyCode: agencyCode.nullable().optional(),
  password: z.string().min(8).max(200),
});
const userPatch = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  role: z.enum(ROLES).optional(),
  agencyCode: agencyCode.nullable().optional(),
  disabled: z.boolean().optional(),
});
const agencyFields = {
  name: z.string().min(3).max(200),
  shortName: z.string().min(2).max(60),
  description: z.string().max(1000).optional(),
};
const agencyPatch = z.object({
  name: agencyFields.name.optional(),
  shortName: agencyFields.shortName.optional(),
  description: agencyFields.description,
  active: z.boolean().optional(),
});

type App = Parameters<typeof defineRoute>[0];
type Db = AdminDeps['ctx']['db'];

const view = (u: Parameters<typeof userView>[0] & { disabled: boolean; agencyHead: boolean; createdAt: Date }) => ({
  ...userView(u),
  disabled: u.disabled,
  agencyHead: u.agencyHead,
  createdAt: u.createdAt,
});

export function registerUserRoutes(deps: AdminDeps, app: App) {
  const { db } = deps.ctx;
  registerUserAccountRoutes(db, app);
  registerAgencyRoutes(db, app);
}

function registerUserAccountRoutes(db: Db, app: App) {
  defineRoute(
    app,
    { method: 'GET', url: '/api/users', roles: ADMIN_ONLY, summary: 'Daftar pengguna', tag: 'admin' },
    async () => ({
      items: (await db.user.findMany({ orderBy: { email: 'asc' } })).map(view),
    }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/users',
      roles: ADMIN_ONLY,
      summary: 'Tambah pengguna',
      tag: 'admin',
      body: newUser,
      audit: 'user_create',
    },
    async ({ body, reply }) => reply.status(201).send({ user: view(await createUser(db, body)) }),
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/users/:id',
      roles: ADMIN_ONLY,
      summary: 'Ubah peran, OPD, nama, atau nonaktifkan (mengakhiri sesinya)',
      tag: 'admin',
      params: idParams,
      body: userPatch,
      audit: 'user_update',
    },
    async ({ params, body, user }) => ({ user: view(await updateUser(db, user.id, params.id, body)) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/users/:id/reset-password',
      roles: ADMIN_ONLY,
      summary: 'Atur ulang kata sandi (mengakhiri sesinya)',
      tag: 'admin',
      params: idParams,
      audit: 'user_reset_password',
    },
    async ({ params }) => ({ temporaryPassword: await resetPassword(db, params.id) }),
  );
}

function registerAgencyRoutes(db: Db, app: App) {
  defineRoute(
    app,
    { method: 'GET', url: '/api/agencies', roles: ANY_ROLE, summary: 'Daftar perangkat daerah', tag: 'admin' },
    async () => ({
      items: await db.agency.findMany({ orderBy: { code: 'asc' } }),
    }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/agencies',
      roles: ADMIN_ONLY,
      summary: 'Tambah perangkat daerah',
      tag: 'admin',
      body: z.object({ code: agencyCode, ...agencyFields }),
      audit: 'agency_create',
    },
    async ({ body, reply }) => {
      if (await db.agency.findUnique({ where: { code: body.code } }))
        throw new HttpError(409, 'exists', `Kode ${body.code} sudah dipakai.`);
      return reply.status(201).send(await db.agency.create({ data: body }));
    },
  );
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/agencies/:code',
      roles: ADMIN_ONLY,
      summary: 'Ubah perangkat daerah',
      tag: 'admin',
      params: z.object({ code: z.string().max(40) }),
      body: agencyPatch,
      audit: 'agency_update',
    },
    async ({ params, body }) => {
      if (!(await db.agency.findUnique({ where: { code: params.code } }))) {
        throw new HttpError(404, 'not_found', `Perangkat daerah ${params.code} tidak ditemukan.`);
      }
      return db.agency.update({ where: { code: params.code }, data: body });
    },
  );
}
