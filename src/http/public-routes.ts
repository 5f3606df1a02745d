// The web channel's public routes: file a complaint, follow it by tracking ID.
import type { FastifyInstance } from 'fastify';
import type { WebAdapter } from '../../adapters/web/index.js';
import { webSubmissionSchema } from '../../adapters/web/types.js';
import type { AppContext } from '../app/context.js';
import type { Status } from '../domain/process.js';
import { findTrackingId } from '../domain/tracking-id.js';
import { HttpError } from './errors.js';
import { lookupPage, type PublicTimeline, reportForm, trackingPage } from './pages.js';

const html = 'text/html; charset=utf-8';

/** Loads what the public may see of a complaint. */
async function publicTimeline(ctx: AppContext, trackingId: string): Promise<PublicTimeline | null> {
  const c = await ctx.db.complaint.findUnique({
    where: { trackingId },
    include: { agency: true, events: { orderBy: { createdAt: 'asc' } } },
  });
  if (!c) return null;
  return {
    trackingId: c.trackingId,
    status: c.status as Status,
    text: c.privacy === 'rahasia' ? null : c.text,
    agencyName: c.agency?.name ?? null,
    createdAt: c.createdAt,
    events: c.events.map((e) => ({ at: e.createdAt, status: e.toStatus as Status, note: e.note })),
  };
}

/**
 * The complaint a submission filed. A duplicate submission (double click, retried POST) lands on the complaint
 * the first one created; when both posts arrive together the first may still be processing, so wait for it.
 */
async function complaintOfSubmission(ctx: AppContext, submissionId: string, waitMs = 5_000) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const message = await ctx.db.message.findUnique({
      where: { channel_externalId: { channel: 'web', externalId: submissionId } },
      select: { state: true, complaintId: true },
    });
    if (message?.complaintId) {
      return ctx.db.complaint.findUnique({ where: { id: message.complaintId }, select: { trackingId: true } });
    }
    if (message?.state !== 'received' || Date.now() > deadline) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function registerPublicRoutes(app: FastifyInstance, ctx: AppContext, web: WebAdapter) {
  app.get('/', (_req, reply) => reply.redirect('/lapor'));
  app.get('/health', async () => ({ ok: true }));
  app.get('/lapor', (_req, reply) => reply.type(html).send(reportForm(ctx.city.name)));

  app.post('/lapor', async (req, reply) => {
    const wantsJson = req.headers['content-type']?.includes('application/json') ?? false;
    const parsed = webSubmissionSchema.safeParse(req.body ?? {});
    // What the form shows again on an error: strings only (a repeated field arrives as an array).
    const sent = (req.body ?? {}) as Record<string, unknown>;
    const field = (k: string) => (typeof sent[k] === 'string' ? sent[k] : undefined);
    const body = { text: field('text'), name: field('name'), contact: field('contact') };
    const text = parsed.success ? parsed.data.text.trim() : '';
    // Count characters, not UTF-16 units; emoji or punctuation alone is not a report.
    const tooShort = [...text].length < 10 || !/[\p{L}\p{N}]/u.test(text);
    const problem = !parsed.success
      ? parsed.error.issues.map((i) => i.message).join('; ')
      : tooShort
        ? 'Mohon tuliskan laporan Anda dengan lebih lengkap (minimal 10 karakter).'
        : null;
    if (problem || !parsed.success) {
      if (wantsJson) throw new HttpError(400, 'invalid_input', problem ?? 'invalid input');
      return reply
        .status(400)
        .type(html)
        .send(reportForm(ctx.city.name, problem ?? undefined, body));
    }
    const submission = { ...parsed.data, text };
    await web.receive(submission, ctx.now());
    const complaint = await complaintOfSubmission(ctx, submission.submissionId);
    if (!complaint)
      throw new HttpError(
        503,
        'processing_delayed',
        'Laporan tersimpan dan sedang diproses. Silakan cek beberapa saat lagi.',
      );
    if (wantsJson)
      return reply.status(201).send({ trackingId: complaint.trackingId, statusUrl: `/lacak/${complaint.trackingId}` });
    return reply.redirect(`/lacak/${complaint.trackingId}?baru=1`, 303);
  });

  app.get<{ Querystring: { id?: string } }>('/lacak', (req, reply) => {
    if (!req.query.id) return reply.type(html).send(lookupPage());
    const id = findTrackingId(req.query.id);
    if (!id)
      return reply
        .status(400)
        .type(html)
        .send(lookupPage('Format nomor pelacakan tidak dikenali, contoh: CLG-261128-7KQ2.'));
    return reply.redirect(`/lacak/${id}`);
  });

  app.get<{ Params: { id: string }; Querystring: { baru?: string } }>('/lacak/:id', async (req, reply) => {
    const t = await publicTimeline(ctx, req.params.id.toUpperCase());
    if (!t)
      return reply
        .status(404)
        .type(html)
        .send(lookupPage(`Laporan ${req.params.id} tidak ditemukan.`));
    return reply.type(html).send(trackingPage(t, ctx.city.timeZone, req.query.baru === '1'));
  });

  app.get<{ Params: { id: string } }>('/api/public/complaints/:id', async (req) => {
    const t = await publicTimeline(ctx, req.params.id.toUpperCase());
    if (!t) throw new HttpError(404, 'not_found', `complaint ${req.params.id} not found`);
    return t;
  });
}
