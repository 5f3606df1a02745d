// Serves the admin web UI (built by Vite into ui/dist) at /admin: hashed assets with a year-long cache,
// index.html with no-store for every other /admin path so the client-side router takes over.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorPage } from './pages.js';

/** Vite puts every built asset under assets/ with a content hash in its name; nothing else is served. */
const ASSET = /^assets\/[A-Za-z0-9._-]+\.(js|css|svg|png|woff2?)$/;

/** ui/dist of this package, found from this module whether it runs from src/ (tsx) or from dist/ (built). */
export function uiDistDir(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('ui/dist');
    dir = parent;
  }
  return path.join(dir, 'ui', 'dist');
}

/** GET /admin, /admin/* (assets or the SPA's index.html) and GET /login (redirects to /admin). */
export async function registerAdminUi(app: FastifyInstance, root = uiDistDir()): Promise<void> {
  await app.register(async (scope) => {
    // serve:false: only the routes below answer, so a path outside assets/ can never reach the file system.
    await scope.register(fastifyStatic, { root, serve: false });
    const index = (reply: FastifyReply) => {
      if (!existsSync(path.join(root, 'index.html'))) {
        const message =
          'Tampilan admin belum dibangun di server ini. Mohon hubungi pengelola (jalankan npm run build:ui).';
        return reply.status(503).type('text/html; charset=utf-8').send(errorPage(503, message));
      }
      return reply.header('cache-control', 'no-store').sendFile('index.html', root, { cacheControl: false });
    };
    scope.get('/login', (_req, reply) => reply.redirect('/admin', 302));
    scope.get('/admin', (_req, reply) => index(reply));
    scope.get<{ Params: { '*': string } }>('/admin/*', (req, reply) => {
      const rest = req.params['*'];
      if (!rest.startsWith('assets/')) return index(reply);
      if (!ASSET.test(rest) || !existsSync(path.join(root, rest))) {
        return reply.status(404).type('text/plain; charset=utf-8').send('Berkas tidak ditemukan.');
      }
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .sendFile(rest, root, { cacheControl: false });
    });
  });
}
