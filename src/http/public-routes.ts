// The web channel's public routes: file a complaint (answered with a private link), follow any complaint by
// tracking ID (status only), and the reporter's private page (registered from public/private-routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { type WebAdapter, webSubmissionSchema } from '../channels/web-door.js';
import { findTrackingId } from '../domain/tracking-id.js';
import { HttpError } from './errors.js';
import { lookupPage, reportForm, trackingPage } from './pages.js';
import { linkHash, linkSecret } from './public/link.js';
import { privateLinkKey } from './public/link-key.js';
import { registerPrivateRoutes } from './public/private-routes.js';
import { DEFAULT_PUBLIC_RATE_LIMITS, type PublicRateLimits, perMinute } from './public/rate-limits.js';
import { publicTracking, trackingIdParam } from './public/views.js';

const html = 'text/html; charset=utf-8';
/** Settings of the public doors. */
export interface PublicDoorOptions {
  rateLimits: PublicRateLimits;
  attachmentMaxBytes: number;
}

const DEFAULTS: PublicDoorOptions = { rateLimits: DEFAULT_PUBLIC_RATE_LIMITS, attachmentMaxBytes: 10 * 1024 * 1024 };

/** The problem with a submission, in words for the reporter, or null. */
function submissionProblem(parsed: ReturnType<typeof webSubmissionSchema.safeParse>): string | null {
  if (!parsed.success) return parsed.error.issues.map((i) => i.message).join('; ');
  const text = parsed.data.text.trim();
  // Count characters, not UTF-16 units; emoji or punctuation alone is not a report.
  if ([...text].length < 10 || !/[\p{L}\p{N}]/u.test(text)) {
    return 'Mohon tuliskan laporan Anda dengan lebih lengkap (minimal 10 karakter).';
  }
  return null;
}

/** POST /lapor: files the report through the web adapter and answers with the private link. */
async function fileReport(ctx: AppContext, web: WebAdapter, req: FastifyRequest, reply: FastifyReply) {
  const wantsJson = req.headers['content-type']?.includes('application/json') ?? false;
  const parsed = webSubmissionSchema.safeParse(req.body ?? {});
  const problem = submissionProblem(parsed);
  if (problem || !parsed.success) {
    if (wantsJson) throw new HttpError(400, 'invalid_input', problem ?? 'invalid input');
    // What the form shows again: strings only (a repeated field arrives as an array), privacy choice kept.
    const sent = (req.body ?? {}) as Record<string, unknown>;
    const field = (k: string) => (typeof sent[k] === 'string' ? sent[k] : undefined);
    const values = { text: field('text'), name: field('name'), contact: field('contact'), privacy: field('privacy') };
    return reply
      .status(400)
      .type(html)
      .send(reportForm(ctx.city.name, problem ?? undefined, values));
  }
  const submission = { ...parsed.data, text: parsed.data.text.trim() };
  const secret = linkSecret(await privateLinkKey(ctx.db), submission.submissionId);
  const result = await web.receive(submission, ctx.now(), linkHash(secret));
  const privateUrl = `/laporan/${secret}`;
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  if (wantsJson) {
    // 202 when the complaint is stored but not processed yet: the private link shows it once it is.
    const trackingId = result?.trackingId ?? null;
    return reply.status(trackingId ? 201 : 202).send({ trackingId, privateUrl });
  }
  return reply.redirect(`${privateUrl}?ok=baru`, 303);
}

/** Registers the public routes. */
export async function registerPublicRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebAdapter,
  opts: PublicDoorOptions = DEFAULTS,
) {
  const lookups = { config: perMinute(opts.rateLimits.lookupsPerMinute) };
  app.get('/', (_req, reply) => reply.redirect('/lapor'));
  app.get('/health', async () => ({ ok: true }));
  app.get('/lapor', (_req, reply) => reply.type(html).send(reportForm(ctx.city.name)));

  app.post('/lapor', { config: perMinute(opts.rateLimits.reportsPerMinute) }, (req, reply) =>
    fileReport(ctx, web, req, reply),
  );

  app.get<{ Querystring: { id?: string } }>('/lacak', lookups, (req, reply) => {
    if (!req.query.id) return reply.type(html).send(lookupPage());
    const id = typeof req.query.id === 'string' ? findTrackingId(req.query.id) : null;
    if (!id)
      return reply
        .status(400)
        .type(html)
        .send(lookupPage('Format nomor pelacakan tidak dikenali, contoh: CLG-261128-7KQ2.'));
    return reply.redirect(`/lacak/${id}`);
  });

  app.get<{ Params: { id: string } }>('/lacak/:id', lookups, async (req, reply) => {
    const id = trackingIdParam(req.params.id);
    const t = id ? await publicTracking(ctx, id) : null;
    if (!t)
      return reply
        .status(404)
        .type(html)
        .send(lookupPage(`Laporan ${req.params.id} tidak ditemukan.`));
    return reply.type(html).send(trackingPage(t, ctx.city.timeZone));
  });

  app.get<{ Params: { id: string } }>('/api/public/complaints/:id', lookups, async (req) => {
    const id = trackingIdParam(req.params.id);
    const t = id ? await publicTracking(ctx, id) : null;
    if (!t) throw new HttpError(404, 'not_found', `complaint ${req.params.id} not found`);
    return t;
  });

  await registerPrivateRoutes(app, ctx, web, {
    attachmentMaxBytes: opts.attachmentMaxBytes,
    perMinute: opts.rateLimits.privatePagePerMinute,
  });
}
