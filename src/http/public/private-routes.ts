// The reporter's private page: GET shows it, POST acts on it (add information and photos, reopen, confirm,
// rate). Every action goes through the web adapter into intake like any other inbound message.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { type WebAdapter, type WebFollowUp, type WebUpload, webFollowUpSchema } from '../../channels/web-door.js';
import { keepUpload, UploadRefused } from '../../channels/web-upload.js';
import { HttpError } from '../errors.js';
import { errorPage } from '../pages.js';
import { isLinkSecret, linkHash } from './link.js';
import { privatePage } from './private-page.js';
import { perMinute } from './rate-limits.js';
import { privateView, reporterOfLink, trackingIdParam } from './views.js';

const html = 'text/html; charset=utf-8';
const MAX_FILES = 5;
const UNKNOWN_LINK = 'Tautan laporan tidak dikenal. Periksa kembali tautan yang Anda simpan.';

/** Options of the private routes. */
export interface PrivateRouteOptions {
  attachmentMaxBytes: number;
  perMinute: number;
}

type Params = { Params: { secret: string }; Querystring: { ok?: string } };

/** A private page answer must never be cached, indexed or leak its URL through a Referer header. */
function privateHeaders(reply: FastifyReply) {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow');
}

/** Reads a multipart or urlencoded/JSON body into fields and kept uploads. */
async function readAction(req: FastifyRequest, uploadDir: string, maxBytes: number) {
  const fields: Record<string, unknown> = {};
  const uploads: WebUpload[] = [];
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, unknown>, uploads };
  for await (const part of req.parts({ limits: { files: MAX_FILES, fileSize: maxBytes, fields: 10 } })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // A file input left empty arrives as a part with no name and no bytes.
      if (bytes.length === 0 && !part.filename) continue;
      uploads.push(await keepUpload(uploadDir, bytes, maxBytes));
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  return { fields, uploads };
}

/** The problem with an action, in words for the reporter, or null. */
function problemOf(f: WebFollowUp, uploads: WebUpload[]): string | null {
  if (f.action === 'add' && !f.text.trim() && uploads.length === 0) {
    return 'Mohon tuliskan informasi tambahan atau lampirkan foto.';
  }
  if (f.action === 'rate' && f.rating === undefined) return 'Mohon pilih nilai 1 sampai 5.';
  return null;
}

type Refusal = { refused: string; status: number };
type Accepted = { followUp: WebFollowUp; uploads: WebUpload[]; asked: string };

/** Reads, checks and keeps what a private-page form sent; a refusal carries words for the reporter. */
async function acceptAction(req: FastifyRequest, uploadDir: string, maxBytes: number): Promise<Accepted | Refusal> {
  let body: Awaited<ReturnType<typeof readAction>>;
  try {
    body = await readAction(req, uploadDir, maxBytes);
  } catch (err) {
    if (err instanceof UploadRefused) return { refused: err.message, status: 400 };
    if (err instanceof Error && 'statusCode' in err && err.statusCode === 413) {
      return { refused: `Berkas terlalu besar (maksimal ${Math.round(maxBytes / 1048576)} MB).`, status: 413 };
    }
    throw err;
  }
  const parsed = webFollowUpSchema.safeParse(body.fields);
  if (!parsed.success) return { refused: parsed.error.issues.map((i) => i.message).join('; '), status: 400 };
  const problem = problemOf(parsed.data, body.uploads);
  if (problem) return { refused: problem, status: 400 };
  const asked = typeof body.fields.trackingId === 'string' ? body.fields.trackingId : '';
  return { followUp: parsed.data, uploads: body.uploads, asked };
}

/** The reporter's complaint the action is for (the one asked for, or their latest), or null. */
async function ownComplaint(ctx: AppContext, reporterId: string, asked: string) {
  const requested = asked ? trackingIdParam(asked) : '';
  if (requested === null) return null;
  return ctx.db.complaint.findFirst({
    where: { reporterId, ...(requested ? { trackingId: requested } : {}) },
    orderBy: { createdAt: 'desc' },
    select: { trackingId: true },
  });
}

/** Registers /laporan/:secret in its own scope (multipart is accepted here and nowhere else). */
export async function registerPrivateRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  web: WebAdapter,
  opts: PrivateRouteOptions,
) {
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: opts.attachmentMaxBytes, files: MAX_FILES } });
    const config = perMinute(opts.perMinute);

    async function load(secret: string) {
      if (!isLinkSecret(secret)) return null;
      const who = await reporterOfLink(ctx, linkHash(secret));
      return who ? { ...who, hash: linkHash(secret) } : null;
    }

    scope.get<Params>('/laporan/:secret', { config }, async (req, reply) => {
      privateHeaders(reply);
      const who = await load(req.params.secret);
      if (!who) return reply.status(404).type(html).send(errorPage(404, UNKNOWN_LINK));
      const view = await privateView(ctx, who);
      const action = `/laporan/${req.params.secret}`;
      // The whole address, so the reporter can copy it into a note or a chat with themselves.
      const linkToKeep = req.query.ok === 'baru' ? `${req.protocol}://${req.host}${action}` : undefined;
      return reply
        .type(html)
        .send(privatePage(view, { action, timeZone: ctx.city.timeZone, notice: req.query.ok, linkToKeep }));
    });

    scope.post<Params>('/laporan/:secret', { config }, async (req, reply) => {
      privateHeaders(reply);
      const json = req.headers['content-type']?.includes('application/json') ?? false;
      const who = await load(req.params.secret);
      if (!who) throw new HttpError(404, 'not_found', UNKNOWN_LINK);
      const action = `/laporan/${req.params.secret}`;
      const refuse = async ({ refused, status }: Refusal) => {
        if (json) throw new HttpError(status, 'invalid_input', refused);
        const view = await privateView(ctx, who);
        const page = privatePage(view, { action, timeZone: ctx.city.timeZone, error: refused });
        return reply.status(status).type(html).send(page);
      };
      const accepted = await acceptAction(req, web.uploadDir, opts.attachmentMaxBytes);
      if ('refused' in accepted) return refuse(accepted);
      const own = await ownComplaint(ctx, who.reporterId, accepted.asked);
      if (!own) return refuse({ refused: 'Laporan tidak ditemukan pada tautan ini.', status: 404 });
      const target = { trackingId: own.trackingId, reporterKey: who.hash, uploads: accepted.uploads };
      await web.receiveFollowUp(accepted.followUp, target, ctx.now());
      if (json) return reply.send({ ok: true, trackingId: own.trackingId, action: accepted.followUp.action });
      return reply.redirect(`${action}?ok=${accepted.followUp.action}`, 303);
    });
  });
}
