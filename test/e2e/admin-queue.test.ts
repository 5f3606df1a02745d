// The queue and the administrator's views over the real admin API: full-text search (case- and accent-
// insensitive, no wildcard injection), filters, live changes, CSV export with formula guard, the dashboard,
// channel health, dead messages, failed deliveries, evidence photos, users, and the OpenAPI document covering
// every /api route. On SQLite and PostgreSQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import type { Runtime } from '../../src/runtime.js';
import { textMessage } from '../support/app-context.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, sessionCookie, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const OFFICER = { email: 'petugas.dputr@cilegon.go.id', password: 'jalan-mulus-2026' };
// A 1x1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** "METHOD /path" of every route in Fastify's printRoutes() tree ("├── /a (GET)" with nested "└── /b (POST)"). */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const url = stack.join('').replace(/:([A-Za-z_]+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) out.push(`${method} ${url}`);
  }
  return out;
}

describe.each(providers)('admin queue and administration on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let http: FastifyInstance;
  let admin = '';
  let officer = '';
  const ids: Record<string, string> = {};

  const get = async (url: string, cookie = admin) => {
    const res = await http.inject({ method: 'GET', url, headers: { cookie } });
    return {
      status: res.statusCode,
      body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body,
      res,
    };
  };
  const send = async (method: 'POST' | 'PATCH', url: string, payload: object, cookie = admin) => {
    const res = await http.inject({ method, url, headers: { cookie }, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const login = async (creds: { email: string; password: string }) => {
    return sessionCookie(http, creds);
  };

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    http = rt.http;
    await upsertUser(rt.ctx.db, { ...OFFICER, name: 'Petugas DPUTR', role: 'officer', agencyCode: 'DPUTR' });
    admin = await login(ADMIN);
    officer = await login(OFFICER);
    const texts = {
      accent: 'Jálan di depan Pasar Kranggot rusak parah dan berlubang, mohon segera diperbaiki.',
      drain: 'Gorong-gorong di Jalan Sunan Ampel ambrol sehingga jalan amblas separuh.',
      formula: '=HYPERLINK("http://jahat.example","klik") lampu jalan mati di Jalan Ahmad Yani, "gelap" sekali',
    };
    for (const [key, text] of Object.entries(texts)) {
      await rt.intake.ingest(textMessage(`9${Object.keys(ids).length}`, text));
      ids[key] = (await rt.ctx.db.complaint.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).trackingId;
    }
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('searches case- and accent-insensitively with the database full-text index; wildcards match nothing', async () => {
    const found = async (q: string) =>
      ((await get(`/api/complaints?q=${encodeURIComponent(q)}`)).body.items as { trackingId: string }[]).map(
        (i) => i.trackingId,
      );
    expect(await found('JALAN kranggot')).toEqual([ids.accent]);
    expect(await found('jalan KRANGGOT')).toEqual([ids.accent]);
    expect(await found('jálan')).toHaveLength(3);
    expect(await found('gorong amblas')).toEqual([ids.drain]);
    expect(await found('ambr')).toEqual([ids.drain]); // word prefix
    for (const q of ['%', '*', '_', '"', "' OR 1=1 --", 'NEAR(', ':*'])
      expect({ q, found: await found(q) }).toEqual({ q, found: [] });
    expect(await found(ids.drain ?? '')).toEqual([ids.drain]);
    // The index follows edits of the text (a correction, a merge of messages).
    await rt.ctx.db.complaint.update({
      where: { trackingId: ids.drain },
      data: { text: 'Saluran air tersumbat lumpur.' },
    });
    expect(await found('gorong')).toEqual([]);
    expect(await found('LUMPUR')).toEqual([ids.drain]);
  });

  it('filters, pages, reports what changed since a moment, and exports CSV with a formula guard', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await send('POST', `/api/complaints/${ids.accent}/transitions`, { action: 'forward', agency: 'DPUTR' });
    const changes = await get(`/api/complaints/changes?since=${encodeURIComponent(since)}`);
    expect(changes.body.items.map((i: { trackingId: string }) => i.trackingId)).toContain(ids.accent);
    expect(Date.parse(changes.body.now)).not.toBeNaN();
    const byStatus = await get('/api/complaints?status=forwarded');
    expect(byStatus.body).toMatchObject({ total: 1, items: [{ trackingId: ids.accent, assignedAgency: 'DPUTR' }] });
    expect((await get('/api/complaints?limit=1&offset=1&sort=urgent')).body.items).toHaveLength(1);
    // The plain-SQL count agrees with the page for every simple filter.
    for (const q of [
      '',
      'status=received',
      'agency=DPUTR',
      'channel=telegram',
      'needsReview=true',
      'needsReview=false',
      'sort=urgent',
    ]) {
      const page = await get(`/api/complaints?limit=200&${q}`);
      expect({ q, total: page.body.total }).toEqual({ q, total: page.body.items.length });
    }
    expect((await get('/api/complaints?overdue=at_risk')).status).toBe(200);
    const csv = await get('/api/complaints?format=csv');
    expect(csv.res.headers['content-type']).toContain('text/csv');
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'trackingId,createdAt,status,channel,suggestedAgency,assignedAgency,needsReview,privacy,verifyClock,followUpClock,reporter,text',
    );
    expect(lines).toHaveLength(4);
    const formula = lines.find((l) => l.startsWith(ids.formula ?? '-'));
    expect(formula).toContain(
      `"'=HYPERLINK(""http://jahat.example"",""klik"") lampu jalan mati di Jalan Ahmad Yani, ""gelap"" sekali"`,
    );
    // Officers export only their agency.
    const officerCsv = await get('/api/complaints?format=csv', officer);
    expect(String(officerCsv.body).trim().split('\r\n')).toHaveLength(2);
  });

  it('serves the dashboard: counts, times, risk list and classifier quality', async () => {
    const dash = await get('/api/dashboard');
    expect(dash.status).toBe(200);
    expect(dash.body).toMatchObject({
      byStatus: { received: 2, forwarded: 1 },
      byChannel: { telegram: 3 },
      timeToVerifyHours: { median: expect.any(Number), p90: expect.any(Number) },
      timeToFollowUpHours: { median: null, p90: null },
      classifier: { decided: 1, accepted: expect.any(Number), changed: expect.any(Number) },
    });
    expect(dash.body.overTime.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(3);
    expect(Array.isArray(dash.body.atRisk)).toBe(true);
    const own = await get('/api/dashboard', officer);
    expect(own.body.byStatus).toEqual({ forwarded: 1 });
  });

  it('stores an officer evidence photo and serves it only within the agency', async () => {
    /** An officer's upload of PNG bytes to a complaint, under the given name and declared type. */
    const upload = (id: string | undefined, fileName: string, mimeType: string) =>
      send('POST', `/api/complaints/${id}/attachments`, { fileName, mimeType, dataBase64: PNG }, officer);
    const up = await upload(ids.accent, 'bukti.png', 'image/png');
    expect(up.status).toBe(201);
    const file = await get(up.body.url, officer);
    expect(file.status).toBe(200);
    expect(file.res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const refused = await upload(ids.accent, 'x.html', 'text/html');
    expect(refused.status).toBe(400);
    const other = await upload(ids.drain, 'bukti.png', 'image/png');
    expect(other.status).toBe(404);
  });

  it('masks personal data of an anonim report for the agency, not for the desk', async () => {
    await rt.intake.ingest(
      textMessage('951', 'Jalan rusak di depan rumah saya, hubungi 0812-3456-7890 atau NIK 3672011203900001.', {
        privacy: 'anonim',
      }),
    );
    const c = await rt.ctx.db.complaint.findFirstOrThrow({ where: { replyAddress: 'telegram:951' } });
    expect(c.privacy).toBe('anonim');
    await send('POST', `/api/complaints/${c.trackingId}/transitions`, { action: 'forward', agency: 'DPUTR' });
    const seen = await get(`/api/complaints/${c.trackingId}`, officer);
    expect(seen.body.reporter).toBeNull();
    expect(seen.body.reporterLabel).toBe('Pelapor anonim');
    expect(JSON.stringify(seen.body)).not.toContain('0812-3456-7890');
    expect(JSON.stringify(seen.body)).not.toContain('3672011203900001');
    const desk = await get(`/api/complaints/${c.trackingId}`);
    expect(desk.body.text).toContain('0812-3456-7890');
    expect(desk.body.reporter).not.toBeNull();
  });

  it('applies a bulk action per complaint, reporting each refusal without undoing the others', async () => {
    const res = await send('POST', '/api/complaints/bulk', {
      trackingIds: [ids.formula, ids.accent, 'CLG-261128-ZZZZ'],
      action: 'hold',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { trackingId: ids.formula, ok: true, to: 'on_hold' },
      { trackingId: ids.accent, ok: true, to: 'on_hold' },
      { trackingId: 'CLG-261128-ZZZZ', ok: false, error: { code: 'not_found', message: expect.any(String) } },
    ]);
    const again = await send('POST', '/api/complaints/bulk', { trackingIds: [ids.formula], action: 'hold' });
    expect(again.body.results[0]).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
  });

  it('shows channel health, lists and retries dead messages and failed deliveries', async () => {
    const message = await rt.ctx.db.message.findFirstOrThrow({ where: { direction: 'inbound' } });
    await rt.ctx.db.message.update({ where: { id: message.id }, data: { state: 'dead', error: 'rusak', attempts: 8 } });
    const failed = await rt.ctx.db.outbox.findFirstOrThrow();
    await rt.ctx.db.outbox.update({
      where: { id: failed.id },
      data: { status: 'failed', lastError: 'chat not found' },
    });
    const health = await get('/api/health/channels');
    expect(health.body).toMatchObject({ whatsappQr: null, deadMessages: 1, outbox: { failed: 1 } });
    expect(health.body.channels).toEqual(
      expect.arrayContaining([
        { name: 'web', state: 'connected', detail: expect.stringMatching(/pesan masuk/i) },
        { name: 'x', state: 'off', detail: expect.any(String) },
      ]),
    );
    // A send failure newer than the last delivery: the channel is not delivering now, and the page says why.
    const webRow = await rt.ctx.db.outbox.create({
      data: { dedupeKey: 'health-web', channel: 'web', address: 'web:x', kind: 't', text: 'x', status: 'sent' },
    });
    await rt.ctx.db.deliveryAttempt.create({
      data: { outboxId: webRow.id, attempt: 9, outcome: 'retry', error: 'Unauthorized: token tidak berlaku' },
    });
    const broken = (await get('/api/health/channels')).body.channels.find((c: { name: string }) => c.name === 'web');
    expect(broken).toMatchObject({ state: 'disconnected', detail: expect.stringContaining('token tidak berlaku') });
    const dead = await get('/api/messages/dead');
    expect(dead.body.items).toEqual([expect.objectContaining({ id: message.id, error: 'rusak', attempts: 8 })]);
    expect((await send('POST', `/api/messages/${message.id}/retry`, {})).status).toBe(200);
    expect((await rt.ctx.db.message.findUniqueOrThrow({ where: { id: message.id } })).state).not.toBe('dead');
    expect((await send('POST', `/api/messages/${message.id}/retry`, {})).status).toBe(404);
    expect((await send('POST', `/api/outbox/${failed.id}/retry`, {})).status).toBe(200);
    expect((await rt.ctx.db.outbox.findUniqueOrThrow({ where: { id: failed.id } })).status).not.toBe('failed');
    expect((await send('POST', `/api/outbox/${failed.id}/retry`, {})).status).toBe(409);
    expect((await get('/api/health/channels', officer)).status).toBe(403);
  });

  it('manages users: validates role and agency, refuses duplicates and self-lockout', async () => {
    const base = { email: 'baru@cilegon.go.id', name: 'Pengguna Baru', password: 'sandi-baru-2026' };
    expect((await send('POST', '/api/users', { ...base, role: 'offcer' })).status).toBe(400);
    expect((await send('POST', '/api/users', { ...base, role: 'officer' })).body.error.code).toBe('agency_required');
    expect((await send('POST', '/api/users', { ...base, role: 'officer', agencyCode: 'NOPE' })).body.error.code).toBe(
      'unknown_agency',
    );
    expect((await send('POST', '/api/users', { ...base, role: 'reviewer' })).status).toBe(201);
    expect((await send('POST', '/api/users', { ...base, role: 'reviewer' })).status).toBe(409);
    const me = (await get('/api/auth/me')).body.user;
    expect((await send('PATCH', `/api/users/${me.id}`, { disabled: true })).body.error.code).toBe('self_lockout');
    expect((await get('/api/users')).body.items).toHaveLength(3);
  });

  it('documents every /api route in an OpenAPI 3.1 document generated from the request schemas', async () => {
    const doc = (await get('/api/openapi.json', '')).body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p}`);
    }
    // Every route Fastify itself has, read back from its route tree (independent of our registry).
    const routes = registeredRoutes(http.printRoutes({ commonPrefix: false })).filter((r) => r.includes(' /api/'));
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) expect({ r, documented: documented.has(r) }).toEqual({ r, documented: true });
    const transition = doc.paths['/api/complaints/{id}/transitions'].post;
    expect(transition.requestBody.content['application/json'].schema.properties).toHaveProperty('publicNote');
    expect(transition['x-roles']).toEqual(['admin', 'reviewer', 'officer']);
  });
});
