// Declares an admin API route once: method, path, roles, and the zod schemas that validate its input. The
// same declaration registers the Fastify route and feeds the OpenAPI document (see openapi-routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DeskError } from '../../app/desk-errors.js';
import type { Role, SessionUser } from '../../app/roles.js';
import { ConflictError, NotFoundError } from '../../app/transitions.js';
import { TransitionError } from '../../domain/process.js';
import { transitionRefusal } from '../../domain/texts.js';
import { HttpError } from '../errors.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a route declares; the schemas are optional (a route without a body has none). */
export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: Method;
  url: string;
  /** 'public' only for the few routes that need no session (login). */
  roles: readonly Role[] | 'public';
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  /** Larger than the server default (evidence photos). */
  bodyLimit?: number;
  audit?: string | false;
  /** A non-JSON response (CSV, a file). */
  produces?: string;
  /** A per-address limit checked in memory before the handler (@fastify/rate-limit). */
  rateLimit?: { max: number; timeWindow: number };
}

/** The parsed input a handler receives. */
export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The logged-in user (null only on public routes). */
  user: SessionUser;
  req: FastifyRequest;
  reply: FastifyReply;
}

const registries = new WeakMap<FastifyInstance, RouteSpec<z.ZodType, z.ZodType, z.ZodType>[]>();

/** The routes declared on an app, for the OpenAPI document. */
export function declaredRoutes(app: FastifyInstance) {
  return registries.get(app) ?? [];
}

/** Registers a route whose input is validated by its schemas before the handler runs. */
export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(
  app: FastifyInstance,
  spec: RouteSpec<B, Q, P>,
  handler: (input: RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>,
) {
  const list = registries.get(app) ?? [];
  list.push(spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>);
  registries.set(app, list);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    config: {
      ...(spec.roles === 'public' ? {} : { roles: spec.roles }),
      ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}),
      audit: spec.audit,
    },
    handler: async (req, reply) => {
      const body = spec.body ? parse(spec.body, req.body ?? {}) : undefined;
      const query = spec.query ? parse(spec.query, req.query ?? {}) : undefined;
      const params = spec.params ? parse(spec.params, req.params ?? {}) : undefined;
      const user = req.user;
      if (spec.roles !== 'public' && !user) throw new HttpError(401, 'unauthenticated', 'Silakan masuk kembali.');
      return mapErrors(() =>
        handler({
          body: body as z.infer<B>,
          query: query as z.infer<Q>,
          params: params as z.infer<P>,
          user: user as SessionUser,
          req,
          reply,
        }),
      );
    },
  });
}

const indonesian = z.locales.id().localeError;

/** Validates with Indonesian messages: officers read them. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value, { error: indonesian });
  if (r.success) return r.data;
  const message = r.error.issues.map((i) => `${i.path.join('.') || 'isi permintaan'}: ${i.message}`).join('; ');
  throw new HttpError(400, 'invalid_input', message);
}

/** Turns the application's refusals into API errors with Indonesian messages. */
export async function mapErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DeskError) throw new HttpError(err.status, err.code, err.message);
    if (err instanceof ConflictError) throw new HttpError(409, err.code, err.message);
    if (err instanceof TransitionError) throw new HttpError(409, err.code, transitionRefusal(err.code, err.message));
    if (err instanceof NotFoundError) throw new HttpError(404, 'not_found', 'Laporan tidak ditemukan.');
    throw err;
  }
}
