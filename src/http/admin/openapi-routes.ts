// GET /api/openapi.json: an OpenAPI 3.1 document generated from the zod schemas that validate each request
// (z.toJSONSchema), plus every other /api route the server registered (public routes declared elsewhere).
import type { FastifyInstance as Fastify } from 'fastify';
import { z } from 'zod';
import { isPublicApi } from '../auth-plugin.js';
import type { AdminDeps } from './deps.js';
import { declaredRoutes, defineRoute } from './route.js';

/** Every /api route the server knows (method + OpenAPI-style path), collected as routes register. */
const seen = new WeakMap<Fastify, Set<string>>();

/** Starts collecting routes; call before any route is registered. */
export function collectRoutes(app: Fastify) {
  const set = new Set<string>();
  seen.set(app, set);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) if (r.url.startsWith('/api/') && m !== 'HEAD') set.add(`${m} ${r.url}`);
  });
}

/** Fastify's `:id` as OpenAPI's `{id}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });

function parametersOf(params: z.ZodType | undefined, query: z.ZodType | undefined) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', params],
    ['query', query],
  ] as const) {
    if (!schema) continue;
    const s = json(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

/** Builds the document. */
export function openApiDocument(app: Fastify) {
  const paths: Record<string, Record<string, object>> = {};
  const add = (method: string, url: string, op: object) => {
    const p = openApiPath(url);
    paths[p] ??= {};
    (paths[p] as Record<string, object>)[method.toLowerCase()] = op;
  };
  const errors = { description: 'Kesalahan: {"error":{"code","message"}}' };
  for (const r of declaredRoutes(app)) {
    add(r.method, r.url, {
      summary: r.summary,
      tags: [r.tag],
      'x-roles': r.roles,
      parameters: parametersOf(r.params, r.query),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.body) } } } } : {}),
      responses: { '200': { description: r.produces ?? 'application/json' }, '4XX': errors },
    });
  }
  for (const key of seen.get(app) ?? []) {
    const [method = '', url = ''] = key.split(' ');
    const p = openApiPath(url);
    if (paths[p]?.[method.toLowerCase()]) continue;
    add(method, url, {
      summary: 'Rute publik (lihat README)',
      tags: [isPublicApi(url) ? 'public' : 'other'],
      responses: { '200': { description: 'application/json' }, '4XX': errors },
    });
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kanal-aduan admin API',
      version: '1',
      description: 'Semua isi permintaan berformat JSON; sesi lewat cookie kanal_session.',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kanal_session' } } },
    security: [{ session: [] }],
    paths,
  };
}

export function registerOpenApiRoute(_deps: AdminDeps, app: Fastify) {
  defineRoute(
    app,
    { method: 'GET', url: '/api/openapi.json', roles: 'public', summary: 'Dokumen OpenAPI ini', tag: 'meta' },
    async () => openApiDocument(app),
  );
}
