// The admin HTTP API used by the communications office's tools (and, later, the admin web UI).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { login, logout, userForSession } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import { applyTransition } from '../app/transitions.js';
import { ACTIONS, allowedActions, STATUSES, type Status } from '../domain/process.js';
import { type ClockFields, complaintClocks, overdueWhere } from '../domain/sla.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'kanal_session';

const loginSchema = z.object({ email: z.string().email(), password: z.string().min(1).max(200) });
const listSchema = z.object({
  status: z.enum(STATUSES).optional(),
  agency: z.string().max(40).optional(),
  channel: z.string().max(20).optional(),
  needsReview: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['verify', 'follow_up']).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const transitionSchema = z.object({
  action: z.enum(ACTIONS),
  agency: z.string().max(40).optional(),
  note: z.string().max(4000).optional(),
});
const agencySchema = z.object({
  name: z.string().min(3).max(200).optional(),
  shortName: z.string().min(2).max(60).optional(),
  description: z.string().max(1000).optional(),
  active: z.boolean().optional(),
});

export function registerAdminRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  opts: { sessionTtlHours: number; cookieSecure: boolean; attachmentsDir: string },
) {
  const { db } = ctx;

  async function requireUser(req: FastifyRequest) {
    const user = await userForSession(db, req.cookies[SESSION_COOKIE]);
    if (!user) throw new HttpError(401, 'unauthenticated', 'login required');
    return user;
  }

  app.post('/api/auth/login', async (req, reply) => {
    const body = loginSchema.parse(req.body ?? {});
    const session = await login(db, body.email, body.password, opts.sessionTtlHours);
    if (!session) throw new HttpError(401, 'invalid_credentials', 'email atau kata sandi salah');
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.cookieSecure,
      maxAge: opts.sessionTtlHours * 3600,
    });
    return { user: { email: session.user.email, name: session.user.name, role: session.user.role } };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    await logout(db, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', async (req) => {
    const u = await requireUser(req);
    return { user: { email: u.email, name: u.name, role: u.role, agencyCode: u.agencyCode } };
  });

  app.get('/api/complaints', async (req) => {
    const user = await requireUser(req);
    const f = listSchema.parse(req.query);
    // Officers see only their own agency's complaints.
    const agency = user.role === 'officer' ? (user.agencyCode ?? '__none__') : f.agency;
    const q = f.q?.trim();
    const where = {
      ...(f.status ? { status: f.status } : {}),
      ...(agency
        ? {
            OR: [
              { assignedAgency: agency },
              ...(user.role === 'officer' ? [] : [{ assignedAgency: null, suggestedAgency: agency }]),
            ],
          }
        : {}),
      ...(f.channel ? { channel: f.channel } : {}),
      ...(f.needsReview ? { needsReview: f.needsReview === 'true' } : {}),
      ...(f.overdue ? overdueWhere(f.overdue, ctx.now()) : {}),
      ...(q
        ? {
            AND: [
              {
                OR: [
                  { trackingId: { contains: q.toUpperCase() } },
                  { text: { contains: q } },
                  { text: { contains: q.toLowerCase() } },
                ],
              },
            ],
          }
        : {}),
    };
    const [total, items] = await Promise.all([
      db.complaint.count({ where }),
      db.complaint.findMany({ where, orderBy: { createdAt: 'desc' }, take: f.limit, skip: f.offset }),
    ]);
    return { total, items: items.map((c) => summary(c, ctx.now())) };
  });

  app.get<{ Params: { id: string } }>('/api/complaints/:id', async (req) => {
    const user = await requireUser(req);
    const c = await db.complaint.findUnique({
      where: { trackingId: req.params.id.toUpperCase() },
      include: { events: { orderBy: { createdAt: 'asc' } }, attachments: true, reporter: true, agency: true },
    });
    if (!c || !visibleTo(user, c)) {
      throw new HttpError(404, 'not_found', `complaint ${req.params.id} not found`);
    }
    const [messages, outbox] = await Promise.all([
      db.message.findMany({ where: { complaintId: c.id }, orderBy: { createdAt: 'asc' } }),
      db.outbox.findMany({ where: { complaintId: c.id }, orderBy: { createdAt: 'asc' } }),
    ]);
    // Anonim: the agency's officers must not see who reported.
    const hideReporter = user.role === 'officer' && c.privacy !== 'named';
    return {
      ...summary(c, ctx.now()),
      text: c.text,
      classification: c.classification ? JSON.parse(c.classification) : null,
      allowedActions: allowedActions(c.status as Status),
      reporter: hideReporter
        ? null
        : { id: c.reporter.id, displayName: c.reporter.displayName, phone: c.reporter.phone },
      events: c.events,
      attachments: c.attachments,
      messages: messages.map((m) => ({
        id: m.id,
        kind: m.kind,
        text: m.text,
        createdAt: m.createdAt,
        direction: m.direction,
      })),
      outbox: outbox.map((o) => ({
        id: o.id,
        kind: o.kind,
        text: o.text,
        status: o.status,
        attempts: o.attempts,
        sentAt: o.sentAt,
        lastError: o.lastError,
      })),
    };
  });

  app.post<{ Params: { id: string } }>('/api/complaints/:id/transitions', async (req) => {
    const user = await requireUser(req);
    const body = transitionSchema.parse(req.body ?? {});
    if (user.role === 'officer' && !['start', 'resolve'].includes(body.action)) {
      throw new HttpError(403, 'forbidden', 'officers can only record follow-ups and resolve');
    }
    if (user.role === 'officer') {
      // Another agency's complaint does not exist for an officer, as in GET /api/complaints/:id.
      const c = await db.complaint.findUnique({
        where: { trackingId: req.params.id.toUpperCase() },
        select: { assignedAgency: true },
      });
      if (!c || !visibleTo(user, c)) throw new HttpError(404, 'not_found', `complaint ${req.params.id} not found`);
    }
    const result = await applyTransition(ctx, { trackingId: req.params.id.toUpperCase(), ...body, actor: user.email });
    return { trackingId: req.params.id.toUpperCase(), from: result.from, to: result.to };
  });

  app.post<{ Params: { id: string } }>('/api/reporters/:id/block', async (req) => {
    const user = await requireUser(req);
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'admins only');
    const { blocked } = z.object({ blocked: z.boolean() }).parse(req.body ?? {});
    const found = await db.reporter.findUnique({ where: { id: req.params.id } });
    if (!found) throw new HttpError(404, 'not_found', `reporter ${req.params.id} not found`);
    // Blocking only stops answers: the reporter's messages are still stored, nothing is deleted.
    await db.reporter.update({ where: { id: found.id }, data: { blocked } });
    return { id: found.id, blocked };
  });

  app.get<{ Params: { id: string } }>('/api/attachments/:id', async (req, reply) => {
    const user = await requireUser(req);
    const a = await db.attachment.findUnique({ where: { id: req.params.id }, include: { complaint: true } });
    if (!a || (user.role === 'officer' && a.complaint.assignedAgency !== user.agencyCode)) {
      throw new HttpError(404, 'not_found', `attachment ${req.params.id} not found`);
    }
    if (!a.storagePath)
      throw new HttpError(409, 'not_downloaded', a.downloadError ?? 'the file has not been downloaded yet');
    const bytes = await readFile(path.join(opts.attachmentsDir, a.storagePath));
    return reply
      .type(a.mimeType ?? 'application/octet-stream')
      .header('cache-control', 'private, max-age=3600')
      .send(bytes);
  });

  app.get('/api/agencies', async (req) => {
    await requireUser(req);
    return { items: await db.agency.findMany({ orderBy: { code: 'asc' } }) };
  });

  app.patch<{ Params: { code: string } }>('/api/agencies/:code', async (req) => {
    const user = await requireUser(req);
    if (user.role !== 'admin') throw new HttpError(403, 'forbidden', 'admins only');
    const data = agencySchema.parse(req.body ?? {});
    const existing = await db.agency.findUnique({ where: { code: req.params.code } });
    if (!existing) throw new HttpError(404, 'not_found', `agency ${req.params.code} not found`);
    return db.agency.update({ where: { code: req.params.code }, data });
  });

  app.get('/api/stats', async (req) => {
    await requireUser(req);
    const now = ctx.now();
    const [byStatus, byAgency, byChannel, verifyOverdue, followUpOverdue] = await Promise.all([
      db.complaint.groupBy({ by: ['status'], _count: { _all: true } }),
      db.complaint.groupBy({ by: ['assignedAgency'], _count: { _all: true } }),
      db.complaint.groupBy({ by: ['channel'], _count: { _all: true } }),
      db.complaint.count({ where: overdueWhere('verify', now) }),
      db.complaint.count({ where: overdueWhere('follow_up', now) }),
    ]);
    const count = <K extends string>(rows: ({ _count: { _all: number } } & Record<K, string | null>)[], k: K) =>
      Object.fromEntries(rows.map((r) => [r[k] ?? 'unassigned', r._count._all]));
    return {
      byStatus: count(byStatus, 'status'),
      byAgency: count(byAgency, 'assignedAgency'),
      byChannel: count(byChannel, 'channel'),
      // What the Ombudsman would ask about first: clocks that ran out and are still running.
      overdue: { verify: verifyOverdue, followUp: followUpOverdue },
    };
  });
}

/** Officers see only complaints assigned to their own agency; an officer without an agency sees none. */
function visibleTo(user: { role: string; agencyCode: string | null }, c: { assignedAgency: string | null }) {
  return user.role !== 'officer' || (c.assignedAgency !== null && c.assignedAgency === user.agencyCode);
}

function summary(
  c: ClockFields & {
    trackingId: string;
    status: string;
    channel: string;
    suggestedAgency: string | null;
    suggestionConfidence: number | null;
    needsReview: boolean;
    assignedAgency: string | null;
    jurisdiction: string | null;
    privacy: string;
    text: string;
    createdAt: Date;
    lastMessageAt: Date;
    latitude: number | null;
    longitude: number | null;
  },
  now: Date,
) {
  return {
    trackingId: c.trackingId,
    status: c.status,
    channel: c.channel,
    suggestedAgency: c.suggestedAgency,
    confidence: c.suggestionConfidence,
    needsReview: c.needsReview,
    assignedAgency: c.assignedAgency,
    jurisdiction: c.jurisdiction,
    privacy: c.privacy,
    excerpt: c.text.slice(0, 200),
    location: c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null,
    createdAt: c.createdAt,
    lastMessageAt: c.lastMessageAt,
    clocks: complaintClocks(c, now),
  };
}
