// The "Bad input" list over real HTTP: malformed bodies, missing or wrong credentials, unknown IDs,
// transitions the process forbids, oversized and empty complaints, unknown routes, and the officer role.
// Every refusal must use the one error shape (JSON) or a polite Indonesian page (HTML), write nothing, and
// leave the server answering.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { ADMIN, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

const OFFICER = { email: 'petugas.dputr@cilegon.go.id', password: 'jalan-mulus-2026' };
const POLITE_SHORT = 'Mohon tuliskan laporan Anda dengan lebih lengkap (minimal 10 karakter).';
const POLITE_LONG = 'Laporan terlalu panjang (maksimal 20.000 karakter).';
const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

interface Res {
  status: number;
  type: string;
  cookie: string | null;
  location: string | null;
  text: string;
  json: Record<string, unknown> & { error?: { code: string; message: string } };
}

interface CallOptions {
  cookie?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as is, with `contentType` (default application/json). */
  raw?: string;
  contentType?: string;
}

describe.each(providers)('bad input over HTTP on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let admin = '';
  let officer = '';
  let stale = ''; // a session that has been logged out

  async function call(method: string, url: string, o: CallOptions = {}): Promise<Res> {
    const headers: Record<string, string> = {};
    if (o.cookie) headers.cookie = o.cookie;
    let body: string | undefined;
    if (o.raw !== undefined || o.body !== undefined) {
      headers['content-type'] = o.contentType ?? 'application/json';
      body = o.raw ?? JSON.stringify(o.body);
    }
    const r = await fetch(`${rt.url}${url}`, { method, headers, body, redirect: 'manual' });
    const text = await r.text();
    const type = r.headers.get('content-type') ?? '';
    return {
      status: r.status,
      type,
      cookie: r.headers.get('set-cookie'),
      location: r.headers.get('location'),
      text,
      json: type.includes('application/json') && text ? JSON.parse(text) : {},
    };
  }

  async function login(creds: { email: string; password: string }): Promise<string> {
    const res = await call('POST', '/api/auth/login', { body: creds });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return (res.cookie ?? '').split(';')[0] ?? '';
  }

  const form = (fields: Record<string, string>) => ({
    raw: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
  });
  // What the form renders: 16 random bytes (a guessable key would give away the private link).
  const newSubmissionId = () => randomBytes(16).toString('base64url');

  /** Files a complaint through the web channel's JSON API and returns its tracking ID. */
  async function file(text: string): Promise<string> {
    const res = await call('POST', '/lapor', { body: { submissionId: newSubmissionId(), text } });
    expect(res.status).toBe(201);
    return String(res.json.trackingId);
  }

  const transition = (id: string, body: Record<string, unknown>, cookie = admin) =>
    call('POST', `/api/complaints/${id}/transitions`, { cookie, body });

  /** Everything a refused request must not have written. */
  async function writes() {
    const { db } = rt.ctx;
    const [events, outbox, complaints, messages, labels] = await Promise.all([
      db.statusEvent.count(),
      db.outbox.count(),
      db.complaint.findMany({ orderBy: { trackingId: 'asc' } }),
      db.message.count({ where: { direction: 'inbound' } }),
      db.labelledExample.count(),
    ]);
    return { events, outbox, complaints, messages, labels };
  }

  let received = ''; // a fresh complaint, still "received"
  let forwardedDputr = '';
  let forwardedDlh = '';

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    await upsertUser(rt.ctx.db, { ...OFFICER, name: 'Petugas DPUTR', role: 'officer', agencyCode: 'DPUTR' });
    // scrypt runs on the thread pool: logging in concurrently costs one hash, not three.
    [admin, officer, stale] = await Promise.all([login(ADMIN), login(OFFICER), login(ADMIN)]);
    expect((await call('POST', '/api/auth/logout', { cookie: stale })).status).toBe(200);
    [received, forwardedDputr, forwardedDlh] = await Promise.all([
      file('Jalan Lingkar Selatan dekat Ciwandan berlubang besar, sudah ada motor jatuh.'),
      file('Gorong-gorong di Jalan Sunan Ampel ambrol, jalan jadi amblas separuh.'),
      file('Sampah di TPS Pasar Kranggot tidak diangkut seminggu, baunya sampai ke rumah warga.'),
    ]);
    for (const [id, agency] of [
      [forwardedDputr, 'DPUTR'],
      [forwardedDlh, 'DLH'],
    ] as const) {
      expect((await transition(id, { action: 'verify' })).status).toBe(200);
      expect((await transition(id, { action: 'forward', agency })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('answers malformed JSON on every JSON route with 400 in the one error shape, and keeps answering', async () => {
    const routes: [string, string, string | undefined][] = [
      ['POST', '/api/auth/login', undefined],
      ['POST', '/api/auth/logout', admin],
      ['POST', `/api/complaints/${received}/transitions`, admin],
      ['PATCH', '/api/agencies/DPUTR', admin],
      ['POST', '/lapor', undefined],
    ];
    const before = await writes();
    for (const [method, url, cookie] of routes) {
      for (const raw of ['{"action": "verify"', '{', 'verify', "{'action':'verify'}", '{"a":1,}']) {
        const res = await call(method, url, { cookie, raw });
        expect({ route: `${method} ${url}`, raw, status: res.status, type: res.type }).toEqual({
          route: `${method} ${url}`,
          raw,
          status: 400,
          type: 'application/json; charset=utf-8',
        });
        expect(res.json).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
      }
      const empty = await call(method, url, { cookie, raw: '' });
      expect(empty.status).toBe(400);
      expect(empty.json).toEqual(ERROR_SHAPE);
      expect((await call('GET', '/health')).json).toEqual({ ok: true });
    }
    // Well-formed JSON of the wrong shape is invalid_input, not a crash.
    for (const [method, url, body] of [
      ['POST', '/api/auth/login', { email: 'bukan-email', password: 'x' }],
      ['POST', '/api/auth/login', []],
      ['POST', `/api/complaints/${received}/transitions`, { action: 'terbang' }],
      ['POST', `/api/complaints/${received}/transitions`, { action: 'verify', note: 'x'.repeat(4001) }],
      ['POST', `/api/complaints/${received}/transitions`, null],
      ['PATCH', '/api/agencies/DPUTR', { active: 'ya' }],
      ['PATCH', '/api/agencies/DPUTR', { name: 'X' }],
      ['POST', '/lapor', { submissionId: newSubmissionId(), text: 12345678901 }],
      ['POST', '/lapor', { submissionId: 'pendek', text: 'Jalan rusak parah di depan pasar.' }],
      ['POST', '/lapor', { submissionId: newSubmissionId(), text: 'Jalan rusak parah di depan pasar.', privacy: 'x' }],
      ['POST', '/lapor', 'Jalan rusak parah di depan pasar.'],
    ] as const) {
      const res = await call(method, url, { cookie: admin, body });
      expect({ url, body, status: res.status }).toEqual({ url, body, status: 400 });
      expect(res.json).toEqual({ error: { code: 'invalid_input', message: expect.any(String) } });
    }
    expect(await writes()).toEqual(before);
    expect((await rt.ctx.db.agency.findUniqueOrThrow({ where: { code: 'DPUTR' } })).name).toBe(
      'Dinas Pekerjaan Umum dan Tata Ruang',
    );
    // The admin's session survived the malformed logout attempts.
    expect((await call('GET', '/api/auth/me', { cookie: admin })).status).toBe(200);
  });

  it('refuses a wrong password or unknown email with 401 invalid_credentials and no cookie', async () => {
    const sessions = await rt.ctx.db.session.count();
    const attempts = await Promise.all(
      [
        { email: ADMIN.email, password: 'salah-sandi-123' },
        { email: 'tidak.ada@cilegon.go.id', password: ADMIN.password },
      ].map((creds) => call('POST', '/api/auth/login', { body: creds })),
    );
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
      expect(res.cookie).toBeNull();
    }
    expect(await rt.ctx.db.session.count()).toBe(sessions);
  });

  it('answers 401 on every admin route without a valid session', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/auth/me', undefined],
      ['GET', '/api/complaints', undefined],
      ['GET', '/api/complaints?status=received', undefined],
      ['GET', `/api/complaints/${received}`, undefined],
      ['POST', `/api/complaints/${received}/transitions`, { action: 'verify' }],
      ['GET', '/api/agencies', undefined],
      ['PATCH', '/api/agencies/DPUTR', { active: false }],
      ['GET', '/api/stats', undefined],
    ];
    const before = await writes();
    for (const cookie of [undefined, 'kanal_session=palsu', stale]) {
      for (const [method, url, body] of routes) {
        const res = await call(method, url, { cookie, body });
        expect({ method, url, cookie, status: res.status }).toEqual({ method, url, cookie, status: 401 });
        expect(res.json).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
      }
    }
    expect(await writes()).toEqual(before);
    expect((await rt.ctx.db.agency.findUniqueOrThrow({ where: { code: 'DPUTR' } })).active).toBe(true);
  });

  it('answers 404 for an unknown tracking ID on the admin and the public API', async () => {
    const before = await writes();
    for (const [method, url, body] of [
      ['GET', '/api/complaints/CLG-261128-ZZZZ', undefined],
      ['GET', '/api/complaints/bukan-nomor', undefined],
      ['POST', '/api/complaints/CLG-261128-ZZZZ/transitions', { action: 'verify' }],
      ['GET', '/api/public/complaints/CLG-261128-ZZZZ', undefined],
      ['GET', '/api/public/complaints/bukan-nomor', undefined],
      ['PATCH', '/api/agencies/TIDAKADA', { active: false }],
    ] as const) {
      const res = await call(method, url, { cookie: admin, body });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    const page = await call('GET', '/lacak/CLG-261128-ZZZZ');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Laporan CLG-261128-ZZZZ tidak ditemukan.');
    expect(await writes()).toEqual(before);
  });

  it('refuses a transition the process does not allow with 409 illegal_transition, writing nothing', async () => {
    const before = await writes();
    for (const action of ['resolve', 'start', 'archive', 'reopen']) {
      const res = await transition(received, { action, note: 'Sudah diperbaiki.' });
      expect({ action, status: res.status }).toEqual({ action, status: 409 });
      expect(res.json.error?.code).toBe('illegal_transition');
      // The officer-facing message is Indonesian: it names the current status.
      expect(res.json.error?.message).toContain('Laporan dengan status "Diterima, menunggu verifikasi" tidak dapat');
    }
    const verifyAgain = await transition(forwardedDputr, { action: 'verify' });
    expect(verifyAgain.status).toBe(409);
    expect(verifyAgain.json.error?.code).toBe('illegal_transition');
    await rt.intake.settle();
    await rt.worker.drain();
    expect(await writes()).toEqual(before);
    const detail = await call('GET', `/api/complaints/${received}`, { cookie: admin });
    expect(detail.json).toMatchObject({ status: 'received', events: [{ action: 'receive' }] });
    expect(detail.json.allowedActions).toEqual(['verify', 'forward', 'reject', 'refer', 'hold', 'not_complaint']);
  });

  it('refuses to forward without a usable agency, writing nothing', async () => {
    const id = await file('Drainase di Perumahan Bumi Rakata mampet, air menggenang setiap hujan deras.');
    const { db } = rt.ctx;
    const before = await writes();

    const unknown = await transition(id, { action: 'forward', agency: 'TIDAKADA' });
    expect(unknown.status).toBe(409);
    expect(unknown.json).toEqual({ error: { code: 'unknown_agency', message: expect.stringContaining('TIDAKADA') } });

    // The suggestion is an outside authority (PLN), not a city agency: forwarding to it is impossible.
    await db.complaint.update({ where: { trackingId: id }, data: { suggestedAgency: 'PLN' } });
    const outside = await transition(id, { action: 'forward' });
    expect(outside.status).toBe(409);
    expect(outside.json.error?.code).toBe('unknown_agency');

    // An agency switched off by an admin cannot receive complaints.
    expect((await call('PATCH', '/api/agencies/DISHUB', { cookie: admin, body: { active: false } })).status).toBe(200);
    const inactive = await transition(id, { action: 'forward', agency: 'DISHUB' });
    expect(inactive.status).toBe(409);
    expect(inactive.json.error?.code).toBe('unknown_agency');
    expect((await call('PATCH', '/api/agencies/DISHUB', { cookie: admin, body: { active: true } })).status).toBe(200);

    // No suggestion at all: the process's own code for this is agency_required.
    await db.complaint.update({ where: { trackingId: id }, data: { suggestedAgency: null } });
    const none = await transition(id, { action: 'forward' });
    expect(none.status).toBe(409);
    expect(none.json.error?.code).toBe('agency_required');

    await rt.intake.settle();
    await rt.worker.drain();
    const after = await writes();
    const strip = (w: typeof before) => ({ ...w, complaints: w.complaints.filter((c) => c.trackingId !== id) });
    expect(strip(after)).toEqual(strip(before));
    expect(after.events).toBe(before.events);
    expect(after.outbox).toBe(before.outbox);
    expect(after.labels).toBe(before.labels);
    expect(await db.complaint.findUniqueOrThrow({ where: { trackingId: id } })).toMatchObject({
      status: 'received',
      assignedAgency: null,
      forwardedAt: null,
    });
  });

  it('refuses reject and refer without a note with 409 note_required, writing nothing', async () => {
    const before = await writes();
    for (const body of [
      { action: 'reject' },
      { action: 'reject', note: '   ' },
      { action: 'refer' },
      { action: 'refer', note: '' },
    ]) {
      const res = await transition(received, body);
      expect({ body, status: res.status }).toEqual({ body, status: 409 });
      expect(res.json.error?.code).toBe('note_required');
    }
    await rt.intake.settle();
    await rt.worker.drain();
    expect(await writes()).toEqual(before);
  });

  it('accepts a 20,000-character complaint from the form, keeping 10,000 on the complaint and all of it raw', async () => {
    const sentence = 'Jalan di RT 03 RW 05 Kelurahan Jombang Wetan rusak berat dan berlubang. ';
    const text = `${sentence.repeat(Math.ceil(20_000 / sentence.length))}`.slice(0, 19_999) + '!';
    expect(text).toHaveLength(20_000);
    const submissionId = newSubmissionId();
    const res = await call('POST', '/lapor', form({ submissionId, text, privacy: 'anonim' }));
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/laporan\/[A-Za-z0-9_-]{32}\?ok=baru$/);
    const message = await rt.ctx.db.message.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'web', externalId: submissionId } },
    });
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { id: message.complaintId ?? '' } });
    expect(complaint.text).toBe(text.slice(0, 10_000));
    expect(complaint.privacy).toBe('anonim');
    expect(message.text).toBe(text);
    const payload = JSON.parse(message.payload) as { raw: { text: string }; normalised: { text: string } };
    expect(payload.raw.text).toBe(text);
    expect(payload.normalised.text).toBe(text);
  });

  it('refuses a 20,001-character complaint with a polite Indonesian message, storing nothing', async () => {
    const text = 'a'.repeat(20_001);
    const before = await writes();
    const page = await call('POST', '/lapor', form({ submissionId: newSubmissionId(), text }));
    expect(page.status).toBe(400);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain(POLITE_LONG);
    expect(page.text).toContain('<form method="post" action="/lapor">');
    const json = await call('POST', '/lapor', { body: { submissionId: newSubmissionId(), text } });
    expect(json.status).toBe(400);
    expect(json.json).toEqual({ error: { code: 'invalid_input', message: POLITE_LONG } });
    expect(await writes()).toEqual(before);
  });

  it('refuses an empty, blank, emoji-only or punctuation-only complaint with a polite page, not a crash', async () => {
    const before = await writes();
    for (const text of ['', '    \n\t ', '🙏🙏🙏', '🙏🙏🙏🙏🙏🙏🙏🙏', '!!!!!!!!!!!!!!!', 'rusak 🙏']) {
      const page = await call('POST', '/lapor', form({ submissionId: newSubmissionId(), text, name: 'Siti' }));
      expect({ text, status: page.status }).toEqual({ text, status: 400 });
      expect(page.type).toContain('text/html');
      expect(page.text).toContain('<html lang="id">');
      expect(page.text).toContain(POLITE_SHORT);
      // The form comes back filled in, with a fresh submissionId, so the reporter can fix and resend.
      expect(page.text).toContain('value="Siti"');
      expect(page.text).toMatch(/name="submissionId" value="[A-Za-z0-9_-]{8,64}"/);
      const json = await call('POST', '/lapor', { body: { submissionId: newSubmissionId(), text } });
      expect(json.status).toBe(400);
      expect(json.json).toEqual({ error: { code: 'invalid_input', message: POLITE_SHORT } });
    }
    // A repeated form field (a tampered or buggy client) is refused politely too, not a 500.
    const repeated = await call('POST', '/lapor', {
      raw: `submissionId=${newSubmissionId()}&text=Jalan+rusak+parah+sekali&text=lagi&name=a&name=b`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(repeated.status).toBe(400);
    expect(repeated.text).toContain('<form method="post" action="/lapor">');
    const missingId = await call('POST', '/lapor', form({ text: 'Jalan rusak parah sekali di depan pasar.' }));
    expect(missingId.status).toBe(400);
    expect(missingId.text).toContain('submissionId tidak valid');
    expect(await writes()).toEqual(before);
  });

  it('answers an unknown route with 404 JSON under /api and an HTML page elsewhere', async () => {
    for (const [method, url] of [
      ['GET', '/api/tidak-ada'],
      ['DELETE', '/api/complaints'],
      ['GET', '/api/public/complaints'],
    ] as const) {
      const res = await call(method, url, { cookie: admin });
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    for (const url of ['/tidak-ada', '/lapor/lama', '/lacak/CLG-261128-ABCD/foto']) {
      const page = await call('GET', url);
      expect(page.status).toBe(404);
      expect(page.type).toContain('text/html');
      expect(page.text).toContain('Halaman tidak ditemukan.');
    }
  });

  it('answers a malformed URL with 400 and an overlong one with 414, in the same error shape', async () => {
    const bad = await call('GET', '/api/public/complaints/%ZZ');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual(ERROR_SHAPE);
    const page = await call('GET', '/lacak/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(page.text).toContain('Mohon maaf');
    const long = await call('GET', `/api/public/complaints/${'A'.repeat(200)}`);
    expect(long.status).toBe(414);
    expect(long.json).toEqual(ERROR_SHAPE);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('answers a body over the size limit with 413 in the error shape', async () => {
    const huge = 'x'.repeat(300 * 1024);
    const before = await writes();
    for (const [url, cookie] of [
      ['/api/auth/login', undefined],
      [`/api/complaints/${received}/transitions`, admin],
      ['/lapor', undefined],
    ] as const) {
      const res = await call('POST', url, {
        cookie,
        body: { email: ADMIN.email, password: huge, action: 'verify', text: huge },
      });
      expect({ url, status: res.status }).toEqual({ url, status: 413 });
      expect(res.json).toEqual(ERROR_SHAPE);
    }
    const formPage = await call('POST', '/lapor', form({ submissionId: newSubmissionId(), text: huge }));
    expect(formPage.status).toBe(413);
    expect(formPage.type).toContain('text/html');
    expect(await writes()).toEqual(before);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('validates list filters', async () => {
    for (const q of ['limit=abc', 'limit=0', 'limit=201', 'offset=-1', 'status=selesai', 'needsReview=ya']) {
      const res = await call('GET', `/api/complaints?${q}`, { cookie: admin });
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.json.error?.code).toBe('invalid_input');
    }
  });

  describe('an officer of DPUTR', () => {
    it('lists only complaints assigned to DPUTR, whatever the filter says', async () => {
      for (const q of ['', '?agency=DLH', '?status=received']) {
        const res = await call('GET', `/api/complaints${q}`, { cookie: officer });
        expect(res.status).toBe(200);
        const items = res.json.items as { trackingId: string; assignedAgency: string }[];
        for (const item of items) expect(item.assignedAgency).toBe('DPUTR');
        expect(res.json.total).toBe(items.length);
        expect(items.map((i) => i.trackingId)).toEqual(q === '?status=received' ? [] : [forwardedDputr]);
      }
      const all = await call('GET', '/api/complaints?limit=200', { cookie: admin });
      expect(all.json.total as number).toBeGreaterThan(3);
      expect((await call('GET', `/api/complaints/${forwardedDputr}`, { cookie: officer })).status).toBe(200);
      for (const other of [forwardedDlh, received]) {
        const res = await call('GET', `/api/complaints/${other}`, { cookie: officer });
        expect(res.status).toBe(404);
        expect(res.json.error?.code).toBe('not_found');
      }
    });

    it('gets 403 on verify, forward and agency edits, writing nothing', async () => {
      const before = await writes();
      for (const [id, body] of [
        [received, { action: 'verify' }],
        [forwardedDputr, { action: 'forward', agency: 'DLH' }],
        [forwardedDputr, { action: 'reject', note: 'Bukan urusan kami.' }],
      ] as const) {
        const res = await transition(id, body, officer);
        expect(res.status).toBe(403);
        expect(res.json).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
      }
      const patch = await call('PATCH', '/api/agencies/DPUTR', { cookie: officer, body: { name: 'Dinas Jalan' } });
      expect(patch.status).toBe(403);
      expect(await writes()).toEqual(before);
      expect((await rt.ctx.db.agency.findUniqueOrThrow({ where: { code: 'DPUTR' } })).name).toBe(
        'Dinas Pekerjaan Umum dan Tata Ruang',
      );
    });

    it("records follow-ups on DPUTR's complaints but cannot touch another agency's", async () => {
      const before = await writes();
      const other = await transition(forwardedDlh, { action: 'start', note: 'Sudah kami cek.' }, officer);
      expect(other.status).toBe(404);
      expect(other.json.error?.code).toBe('not_found');
      const resolveOther = await transition(forwardedDlh, { action: 'resolve' }, officer);
      expect(resolveOther.status).toBe(404);
      expect(await writes()).toEqual(before);

      const own = await transition(forwardedDputr, { action: 'start', note: 'Tim sudah survei lokasi.' }, officer);
      expect(own).toMatchObject({ status: 200, json: { from: 'forwarded', to: 'in_progress' } });
      const event = await rt.ctx.db.statusEvent.findFirstOrThrow({ where: { action: 'start' } });
      expect(event.actor).toBe(OFFICER.email);
    });
  });

  // Regression: upserting an existing officer moves them to the new agency.
  if (provider === 'sqlite') {
    it('moves an existing officer to another agency when upserted again', async () => {
      const email = 'pindah.dinas@cilegon.go.id';
      await upsertUser(rt.ctx.db, { email, password: 'pindah-dinas-123', role: 'officer', agencyCode: 'DPUTR' });
      const moved = await upsertUser(rt.ctx.db, {
        email,
        password: 'pindah-dinas-123',
        role: 'officer',
        agencyCode: 'DLH',
      });
      expect(moved.agencyCode).toBe('DLH');
    });
  }
});
