// Open311 GeoReport v2 under /open311/v2 (http://wiki.open311.org/GeoReport_v2/): the service list (active
// agencies), service definitions (no attributes), POST Service Request (a complaint filed through the open311
// channel, like the web form), GET Service Requests and GET Service Request (service_request_id is the tracking
// ID), GET request ID from a token. JSON or XML by the URL's extension; errors in the standard's shape.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import type { ChannelAdapter, ChannelName } from '../../channels/contract.js';
import { isOpen311Adapter, type Open311Adapter, open311RequestSchema } from '../../channels/open311-door.js';
import { HttpError } from '../errors.js';
import { DEFAULT_PUBLIC_RATE_LIMITS, perMinute } from '../public/rate-limits.js';
import { type Field, type Format, Open311Error, sendAs, sendErrors, splitFormat } from './format.js';
import { listQuery, requestIdOf, serviceNotice, zodMessage } from './input.js';
import { activeService, serviceRequests, services } from './views.js';

type Params = { Params: { file: string } };
const LIST = { root: 'service_requests', item: 'request' };

/** The format an error is answered in: the URL's extension when it names one, else JSON. */
function formatOf(req: FastifyRequest): Format {
  return /\.xml(\?|$)/i.test(req.url) ? 'xml' : 'json';
}

/** The api_key check of POST: constant-time, and only when OPEN311_API_KEY is set. */
function assertApiKey(expected: string | undefined, req: FastifyRequest) {
  if (!expected) return;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const query = req.query as Record<string, unknown>;
  const given =
    typeof body.api_key === 'string' ? body.api_key : typeof query.api_key === 'string' ? query.api_key : '';
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new Open311Error(403, 'api_key tidak valid atau tidak dikirim.');
  }
}

function installErrors(scope: FastifyInstance, ctx: AppContext) {
  scope.setErrorHandler((err: FastifyError | Error, req, reply: FastifyReply) => {
    let status = 500;
    let description = 'Terjadi kesalahan pada server. Silakan coba lagi.';
    if (err instanceof Open311Error) [status, description] = [err.code, err.description];
    else if (err instanceof HttpError) [status, description] = [err.statusCode, err.message];
    else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
      [status, description] = [err.statusCode, 'Permintaan tidak dapat dibaca.'];
    }
    if (status >= 500) ctx.logger.error({ err, url: req.url }, 'open311 request failed');
    return sendErrors(reply, formatOf(req), status, description);
  });
  scope.setNotFoundHandler((req, reply) =>
    sendErrors(reply, formatOf(req), 404, 'Alamat tidak dikenal pada layanan Open311 ini.'),
  );
}

/** POST requests.(json|xml): files a complaint through the open311 channel and answers its tracking ID. */
async function fileRequest(ctx: AppContext, adapter: Open311Adapter, req: FastifyRequest<Params>, reply: FastifyReply) {
  const [name, format] = splitFormat(req.params.file);
  if (name !== 'requests') throw new Open311Error(404, 'Alamat tidak dikenal pada layanan Open311 ini.');
  assertApiKey(adapter.apiKey, req);
  const parsed = open311RequestSchema.safeParse(req.body ?? {});
  if (!parsed.success) throw new Open311Error(400, zodMessage(parsed.error));
  const service = await activeService(ctx, parsed.data.service_code.toUpperCase());
  if (!service) throw new Open311Error(404, `service_code ${parsed.data.service_code} tidak ditemukan.`);
  const requestId = requestIdOf(req.headers['x-request-id'], parsed.data.request_id);
  const result = await adapter.receive({ ...parsed.data, service_code: service.code }, ctx.now(), requestId);
  const trackingId = result?.trackingId ?? null;
  // Stored but not processed yet (the recovery job will finish it): the standard's token, readable later.
  const record: Record<string, Field> = trackingId
    ? { service_request_id: trackingId, service_notice: serviceNotice(ctx, trackingId), account_id: null }
    : { token: result?.messageId ?? null, service_notice: serviceNotice(ctx, null), account_id: null };
  return sendAs(reply, format, [record], LIST, trackingId ? (result?.duplicate ? 200 : 201) : 202);
}

/** GET tokens/:token.(json|xml): the tracking ID a stored request got once processed. */
async function tokenRequest(ctx: AppContext, req: FastifyRequest<Params>, reply: FastifyReply) {
  const [token, format] = splitFormat(req.params.file);
  const m = await ctx.db.message.findFirst({
    where: { id: token, channel: 'open311', direction: 'inbound' },
    select: { complaintId: true },
  });
  if (!m) throw new Open311Error(404, `Token ${token} tidak ditemukan.`);
  const c = m.complaintId
    ? await ctx.db.complaint.findUnique({ where: { id: m.complaintId }, select: { trackingId: true } })
    : null;
  return sendAs(reply, format, [{ service_request_id: c?.trackingId ?? null, token }], LIST);
}

/** Registers the routes in their own scope (own error and not-found handlers). */
function routes(scope: FastifyInstance, ctx: AppContext, adapter: Open311Adapter, reportsPerMinute: number) {
  installErrors(scope, ctx);
  scope.get<Params>('/:file', async (req, reply) => {
    const [name, format] = splitFormat(req.params.file);
    if (name === 'services') return sendAs(reply, format, await services(ctx), { root: 'services', item: 'service' });
    if (name !== 'requests') throw new Open311Error(404, 'Alamat tidak dikenal pada layanan Open311 ini.');
    return sendAs(reply, format, await serviceRequests(ctx, listQuery(req.query)), LIST);
  });
  scope.get<Params>('/services/:file', async (req, reply) => {
    const [name, format] = splitFormat(req.params.file);
    const code = name.toUpperCase();
    if (!(await activeService(ctx, code))) throw new Open311Error(404, `Layanan ${code} tidak ditemukan.`);
    return sendAs(reply, format, { service_code: code, attributes: [] }, { root: 'service_definition', item: null });
  });
  scope.get<Params>('/requests/:file', async (req, reply) => {
    const [id, format] = splitFormat(req.params.file);
    const found = await serviceRequests(ctx, { ids: [id.toUpperCase()] });
    if (!found.length) throw new Open311Error(404, `Laporan ${id} tidak ditemukan.`);
    return sendAs(reply, format, found, LIST);
  });
  scope.get<Params>('/tokens/:file', (req, reply) => tokenRequest(ctx, req, reply));
  scope.post<Params>('/:file', { config: perMinute(reportsPerMinute) }, (req, reply) =>
    fileRequest(ctx, adapter, req, reply),
  );
}

/** Registers /open311/v2 when the open311 channel is on; POSTs are limited per client address like /lapor. */
export async function registerOpen311Routes(
  app: FastifyInstance,
  ctx: AppContext,
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>,
  reportsPerMinute = DEFAULT_PUBLIC_RATE_LIMITS.reportsPerMinute,
) {
  const adapter = adapters.get('open311');
  if (!isOpen311Adapter(adapter)) return;
  await app.register(async (scope) => routes(scope, ctx, adapter, reportsPerMinute), { prefix: '/open311/v2' });
}
