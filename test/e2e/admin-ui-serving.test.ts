// The product serves the built admin UI itself: /admin and every deep link get index.html (never cached),
// hashed assets get a year-long cache, and the page carries no inline script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

describe('admin UI serving on sqlite', () => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    rt = await startTestRuntime({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('answers /admin and deep links with index.html, no-store, and assets with an immutable cache', async () => {
    for (const p of ['/admin', '/admin/', '/admin/antrean', '/admin/laporan/CLG-261128-7KQ2']) {
      const res = await fetch(`${rt.url}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('cache-control'), p).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('<div id="app"></div>');
      // No inline script: the only <script> loads a file.
      expect(html.match(/<script\b[^>]*>/g)).toEqual([
        expect.stringMatching(/src="\/admin\/assets\/index-[\w-]+\.js"/),
      ]);
    }
    const html = await (await fetch(`${rt.url}/admin`)).text();
    const js = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await fetch(`${rt.url}${js}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset or a path trick with 404, not with the page', async () => {
    for (const p of [
      '/admin/assets/nope-123.js',
      '/admin/assets/..%2F..%2Fpackage.json',
      '/admin/assets/x%2F..%2F..%2F..%2Fpackage.json',
    ]) {
      const res = await fetch(`${rt.url}${p}`);
      expect(res.status, p).toBe(404);
    }
  });

  it('sends /login to /admin', async () => {
    const res = await fetch(`${rt.url}/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin');
  });
});
