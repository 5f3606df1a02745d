// Acting on a complaint: transitions (with a stale check), accept, replies, notes, officer's return and
// evidence, corrections. Officers act only within their agency; another agency's complaint is a 404.
import { z } from 'zod';
import { complaintDetail } from '../../app/complaint-detail.js';
import type { AppContext } from '../../app/context.js';
import { addEvidence, correctComplaint, returnToDesk } from '../../app/desk-changes.js';
import { complaintNotFound, DeskError } from '../../app/desk-errors.js';
import { addNote } from '../../app/notes.js';
import { sendReply } from '../../app/replies.js';
import { canSeeComplaint, complaintScope, DESK, DESK_AND_OFFICER, type SessionUser } from '../../app/roles.js';
import { acceptSuggestion, applyTransition } from '../../app/transitions.js';
import { ACTIONS, STATUSES } from '../../domain/process.js';
import { HttpError } from '../errors.js';
import { type AdminDeps, channelOn, trackingParams } from './deps.js';
import { defineRoute } from './route.js';

type App = Parameters<typeof defineRoute>[0];

const requestId = z.string().min(8).max(100);
export const transitionBody = z.object({
  action: z.enum(ACTIONS),
  agency: z.string().max(40).optional(),
  note: z.string().max(4000).optional(),
  publicNote: z.string().max(4000).optional(),
  expectedStatus: z.enum(STATUSES).optional(),
});
const OFFICER_ACTIONS = new Set(['start', 'resolve']);

/** Runs one transition for a user, with the officer's limits; shared by the single and the bulk route. */
export async function transitionFor(
  ctx: AppContext,
  user: SessionUser,
  trackingId: string,
  body: z.infer<typeof transitionBody>,
) {
  if (user.role === 'officer') {
    if (!OFFICER_ACTIONS.has(body.action)) {
      throw new HttpError(
        403,
        'forbidden',
        'Petugas perangkat daerah hanya dapat mencatat tindak lanjut dan menyelesaikan laporan.',
      );
    }
    const c = await ctx.db.complaint.findUnique({ where: { trackingId }, select: { assignedAgency: true } });
    if (!c || !canSeeComplaint(user, c)) throw complaintNotFound(trackingId);
  }
  const result = await applyTransition(ctx, { trackingId, ...body, actor: user.email, userId: user.id });
  return { trackingId, from: result.from, to: result.to };
}

export function registerComplaintActionRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  registerTransitionRoutes(deps, app);
  registerMessageRoutes(deps, app);
  registerReturnAndEvidenceRoutes(deps, app);
  registerCorrectionRoutes(deps, app);
}

/** Transitions and accept. */
function registerTransitionRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/transitions',
      roles: DESK_AND_OFFICER,
      summary: 'Ubah status (catatan internal dan publik terpisah)',
      tag: 'actions',
      params: trackingParams,
      body: transitionBody,
      audit: 'transition',
    },
    async ({ params, body, user }) => transitionFor(ctx, user, params.id, body),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/accept',
      roles: DESK,
      summary: 'Terima saran: verifikasi dan teruskan sekaligus',
      tag: 'actions',
      params: trackingParams,
      body: z.object({ expectedStatus: z.enum(STATUSES).optional() }),
      audit: 'accept',
    },
    async ({ params, body, user }) =>
      acceptSuggestion(ctx, {
        trackingId: params.id,
        expectedStatus: body.expectedStatus,
        actor: user.email,
        userId: user.id,
      }),
  );
}

/** Replies and notes to and about the reporter. */
function registerMessageRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/replies',
      roles: DESK,
      summary: 'Balasan teks bebas ke pelapor lewat kanalnya',
      tag: 'actions',
      params: trackingParams,
      body: z.object({ text: z.string().trim().min(1).max(10_000), requestId }),
      audit: 'reply',
    },
    async ({ params, body, user, reply }) => {
      const r = await sendReply(ctx, {
        trackingId: params.id,
        text: body.text,
        requestId: body.requestId,
        user,
        channelOn: channelOn(deps),
        scope: complaintScope(user),
      });
      return reply.status(r.duplicate ? 200 : 201).send({ outboxId: r.outboxId, duplicate: r.duplicate });
    },
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/notes',
      roles: DESK_AND_OFFICER,
      summary: 'Catatan internal atau tindak lanjut publik',
      tag: 'actions',
      params: trackingParams,
      body: z.object({
        body: z.string().trim().min(1).max(4000),
        visibility: z.enum(['internal', 'public']),
        requestId,
      }),
      audit: 'note',
    },
    async ({ params, body, user, reply }) => {
      const r = await addNote(ctx, {
        trackingId: params.id,
        ...body,
        user,
        scope: complaintScope(user),
        channelOn: channelOn(deps),
      });
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );
}

/** Officer return and evidence photos. */
function registerReturnAndEvidenceRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/return',
      roles: ['admin', 'officer'],
      summary: 'Kembalikan ke Diskominfo (salah alamat)',
      tag: 'actions',
      params: trackingParams,
      body: z.object({ reason: z.string().trim().min(5).max(2000) }),
      audit: 'return',
    },
    async ({ params, body, user }) =>
      returnToDesk(ctx, { trackingId: params.id, reason: body.reason, user, scope: complaintScope(user) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/complaints/:id/attachments',
      roles: DESK_AND_OFFICER,
      summary: 'Unggah foto bukti (base64)',
      tag: 'actions',
      params: trackingParams,
      bodyLimit: 14 * 1024 * 1024,
      body: z.object({
        fileName: z.string().min(1).max(200),
        mimeType: z.string().max(100),
        dataBase64: z
          .string()
          .min(1)
          .max(14 * 1024 * 1024),
      }),
      audit: 'evidence',
    },
    async ({ params, body, user, reply }) => {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body.dataBase64))
        throw new DeskError(400, 'invalid_file', 'Isi berkas bukan base64 yang sah.');
      const a = await addEvidence(ctx, {
        trackingId: params.id,
        scope: complaintScope(user),
        fileName: body.fileName,
        mimeType: body.mimeType.toLowerCase(),
        bytes: Buffer.from(body.dataBase64, 'base64'),
        dir: deps.opts.attachmentsDir,
        maxBytes: deps.opts.attachmentMaxBytes,
      });
      return reply.status(201).send({ id: a.id, url: `/api/attachments/${a.id}` });
    },
  );
}

/** Corrections of the category (agency suggestion) or the location. */
function registerCorrectionRoutes(deps: AdminDeps, app: App) {
  const { ctx } = deps;
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/complaints/:id',
      roles: DESK,
      summary: 'Koreksi kategori (saran OPD) atau lokasi',
      tag: 'actions',
      params: trackingParams,
      body: z.object({
        suggestedAgency: z.string().max(40).optional(),
        latitude: z.number().min(-90).max(90).nullable().optional(),
        longitude: z.number().min(-180).max(180).nullable().optional(),
        locationText: z.string().max(500).nullable().optional(),
      }),
      audit: 'correct',
    },
    async ({ params, body, user }) => {
      await correctComplaint(ctx, params.id, body);
      return complaintDetail(ctx, user, params.id);
    },
  );
}
