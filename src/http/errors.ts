// One error shape for every API response: {"error":{"code","message"}}; HTML pages get a polite page.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { NotFoundError } from '../app/transitions.js';
import { TransitionError } from '../domain/process.js';
import type { Logger } from '../logger.js';
import { errorPage } from './pages.js';

/** An error with an HTTP status and a stable code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Maps known errors to responses; anything unknown is a logged 500 that reveals nothing internal. */
export function sendError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply, logger: Logger) {
  let status = 500;
  let code = 'internal_error';
  let message = 'Terjadi kesalahan pada server. Silakan coba lagi.';
  if (err instanceof HttpError) [status, code, message] = [err.statusCode, err.code, err.message];
  else if (err instanceof ZodError) {
    status = 400;
    code = 'invalid_input';
    message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  } else if (err instanceof TransitionError) [status, code, message] = [409, err.code, err.message];
  else if (err instanceof NotFoundError) [status, code, message] = [404, 'not_found', err.message];
  else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    status = err.statusCode;
    code =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.message.includes('JSON') ? 'invalid_json' : 'bad_request';
    message = err.message;
  }
  if (status >= 500) logger.error({ err, url: req.url }, 'request failed');
  // JSON clients get JSON wherever they post (the /lapor form also takes JSON), browsers get a page.
  const json = req.url.startsWith('/api/') || (req.headers['content-type']?.includes('application/json') ?? false);
  if (json) return reply.status(status).send({ error: { code, message } });
  return reply.status(status).type('text/html; charset=utf-8').send(errorPage(status, message));
}

/** Installs sendError for every route (bad URLs reach it through Fastify's frameworkErrors option). */
export function installErrorHandler(app: FastifyInstance, logger: Logger) {
  app.setErrorHandler((err: FastifyError | Error, req, reply) => sendError(err, req, reply, logger));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url}` } });
    }
    return reply.status(404).type('text/html; charset=utf-8').send(errorPage(404, 'Halaman tidak ditemukan.'));
  });
}
