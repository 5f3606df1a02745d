// Open311 GeoReport v2 through the real HTTP server, intake, database and outbox: the standard's own examples
// (test/e2e/fixtures/open311-wiki.ts) are the shapes every answer must have, in JSON and XML; errors in the
// standard's shape; only public notes and masked texts are shown; rahasia complaints are never listed; a
// complaint from another channel is listed without its text, address or exact position.
// On SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, startTestRuntime } from '../support/runtime.js';
import {
  WIKI_ERRORS_JSON,
  WIKI_ERRORS_XML,
  WIKI_POST_BODY,
  WIKI_POST_RESPONSE_JSON,
  WIKI_POST_RESPONSE_XML,
  WIKI_REQUESTS_JSON,
  WIKI_REQUESTS_XML,
  WIKI_SERVICE_DEFINITION_JSON,
  WIKI_SERVICES_JSON,
  WIKI_SERVICES_XML,
  xmlRecords,
  xmlRoot,
} from './fixtures/open311-wiki.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const KEY = 'kunci-open311-uji-7f3a9c';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const TRACKING = /^CLG-\d{6}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4,8}$/;
const keys = (o: object) => Object.keys(o).sort();
/** The wiki's example request, with our service code and key in place of its "001" and "xyz". */
const wikiBody = (code = 'DPUTR', key = KEY) =>
  WIKI_POST_BODY.replace('service_code=001', `service_code=${code}`).replace('api_key=xyz', `api_key=${key}`);
const form = (fields: Record<string, string>) => new URLSearchParams({ api_key: KEY, ...fields }).toString();

describe.each(providers)('Open311 GeoReport v2 on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let http: FastifyInstance;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url, OPEN311_API_KEY: KEY });
    http = rt.http;
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  const get = (url: string) => http.inject({ method: 'GET', url });
  /** Files a complaint through the web form's route (another channel than Open311); resolves its tracking ID. */
  const fileOnWebForm = async (fields: Record<string, unknown>) => {
    const res = await http.inject({
      method: 'POST',
      url: '/lapor',
      headers: { 'content-type': 'application/json' },
      payload: { submissionId: randomBytes(24).toString('base64url'), ...fields },
    });
    return (res.json() as { trackingId: string }).trackingId;
  };
  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    http.inject({ method: 'POST', url, payload, headers: { 'content-type': FORM, ...headers } });

  it('lists the active agencies as services in the wiki example shape, JSON and XML', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const list = res.json() as Record<string, unknown>[];
    const active = await rt.ctx.db.agency.count({ where: { active: true } });
    expect(list).toHaveLength(active);
    for (const s of list) expect(keys(s)).toEqual(keys(WIKI_SERVICES_JSON[0] as object));
    expect(list.find((s) => s.service_code === 'DPUTR')).toMatchObject({
      service_name: 'Dinas Pekerjaan Umum dan Tata Ruang',
      metadata: false,
      type: 'realtime',
    });
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xmlRoot(xml.body)).toEqual(xmlRoot(WIKI_SERVICES_XML));
    const records = xmlRecords(xml.body, 'service');
    expect(records).toHaveLength(active);
    expect(Object.keys(records[0] ?? {})).toEqual(Object.keys(xmlRecords(WIKI_SERVICES_XML, 'service')[0] ?? {}));
    // A deactivated agency is no longer a service.
    await rt.ctx.db.agency.update({ where: { code: 'DISPUSIP' }, data: { active: false } });
    const after = (await get('/open311/v2/services.json')).json() as { service_code: string }[];
    expect(after.map((s) => s.service_code)).not.toContain('DISPUSIP');
    expect((await get('/open311/v2/services/DISPUSIP.json')).statusCode).toBe(404);
  });

  it('defines a service with no extra attributes, and answers an unknown one 404 in the standard shape', async () => {
    const def = await get('/open311/v2/services/dputr.json');
    expect(keys(def.json())).toEqual(keys(WIKI_SERVICE_DEFINITION_JSON));
    expect(def.json()).toEqual({ service_code: 'DPUTR', attributes: [] });
    const xml = await get('/open311/v2/services/DPUTR.xml');
    expect(xml.body).toContain(
      '<service_definition><service_code>DPUTR</service_code><attributes/></service_definition>',
    );
    const missing = await get('/open311/v2/services/NOPE.json');
    expect(missing.statusCode).toBe(404);
    expect(keys((missing.json() as object[])[0] ?? {})).toEqual(keys(WIKI_ERRORS_JSON[0] as object));
  });

  it("files the wiki's example request as a complaint and answers in the wiki's POST response shape", async () => {
    const res = await post('/open311/v2/requests.json', wikiBody());
    expect(res.statusCode).toBe(201);
    const [answer] = res.json() as Record<string, unknown>[];
    expect(keys(answer ?? {})).toEqual(keys(WIKI_POST_RESPONSE_JSON[0] as object));
    expect(answer?.service_request_id).toMatch(TRACKING);
    expect(answer?.account_id).toBeNull();
    expect(answer?.service_notice).toContain(String(answer?.service_request_id));
    ids.wiki = String(answer?.service_request_id);
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId: ids.wiki },
      include: { reporter: true },
    });
    expect(c).toMatchObject({ channel: 'open311', latitude: 37.76524078, longitude: -122.4212043 });
    expect(c.text).toBe('A large sinkhole is destroying the street\nAlamat: 1234 5th street');
    expect(c.reporter).toMatchObject({ displayName: 'john smith', contact: 'smit333@sfgov.edu, 111111111' });
    const stored = await rt.ctx.db.message.findFirstOrThrow({ where: { complaintId: c.id, channel: 'open311' } });
    // The key is checked, never stored.
    expect(stored.payload).not.toContain(KEY);
    // The acknowledgement is not pushed anywhere: like the web form, the other system reads GET requests.
    await rt.intake.settle();
    await rt.worker.drain();
    const ack = await rt.ctx.db.outbox.findFirstOrThrow({ where: { complaintId: c.id, kind: 'ack' } });
    expect(ack).toMatchObject({ status: 'sent', address: expect.stringMatching(/^open311:n:/) });

    const xml = await post('/open311/v2/requests.xml', wikiBody('DLH'));
    expect(xml.statusCode).toBe(201);
    expect(xmlRoot(xml.body)).toEqual(xmlRoot(WIKI_POST_RESPONSE_XML));
    const [rec] = xmlRecords(xml.body, 'request');
    expect(keys(rec ?? {})).toEqual(keys(xmlRecords(WIKI_POST_RESPONSE_XML, 'request')[0] ?? {}));
    expect(rec?.service_request_id).toMatch(TRACKING);
    expect(rec?.account_id).toBeNull();
    expect(xml.body).toContain('<account_id/>');
  });

  it('files a retried POST once with X-Request-Id or request_id, and every POST without one anew', async () => {
    const body = form({
      service_code: 'DLH',
      address_string: 'Jl. Ciwaduk Raya, Cilegon',
      description: 'Sampah di TPS Ciwaduk tidak diangkut sudah empat hari, baunya sampai ke rumah warga.',
    });
    const before = await rt.ctx.db.complaint.count();
    const first = await post('/open311/v2/requests.json', body, { 'x-request-id': 'crm-2026-000123' });
    const again = await post('/open311/v2/requests.json', body, { 'x-request-id': 'crm-2026-000123' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect((again.json() as { service_request_id: string }[])[0]?.service_request_id).toBe(
      (first.json() as { service_request_id: string }[])[0]?.service_request_id,
    );
    const byField = `${body}&request_id=crm-2026-000124`;
    const f1 = (await post('/open311/v2/requests.json', byField)).json() as { service_request_id: string }[];
    const f2 = (await post('/open311/v2/requests.json', byField)).json() as { service_request_id: string }[];
    expect(f2[0]?.service_request_id).toBe(f1[0]?.service_request_id);
    await post('/open311/v2/requests.json', body);
    await post('/open311/v2/requests.json', body);
    expect(await rt.ctx.db.complaint.count()).toBe(before + 4);
  });

  it('refuses bad requests with errors in the standard shape, JSON and XML, and stores nothing', async () => {
    const inbound = { where: { direction: 'inbound' } };
    const before = await rt.ctx.db.message.count(inbound);
    const cases: [string, string, number, RegExp][] = [
      ['requests.json', wikiBody('DPUTR', 'salah'), 403, /api_key/],
      ['requests.xml', wikiBody('DPUTR', 'salah'), 403, /api_key/],
      ['requests.json', wikiBody().replace(/&api_key=[^&]*|api_key=[^&]*&/, ''), 403, /api_key/],
      ['requests.json', wikiBody('TIDAKADA'), 404, /service_code/],
      [
        'requests.json',
        form({ description: 'Jalan berlubang di depan pasar', lat: '-6.0', long: '106.0' }),
        400,
        /service_code/,
      ],
      ['requests.json', form({ service_code: 'DPUTR', lat: '-6.0', long: '106.0' }), 400, /description/],
      [
        'requests.json',
        form({ service_code: 'DPUTR', description: 'Jalan berlubang besar di depan pasar' }),
        400,
        /Lokasi/,
      ],
      [
        'requests.json',
        form({ service_code: 'DPUTR', description: 'Jalan berlubang besar', lat: 'utara', long: '1' }),
        400,
        /lat/,
      ],
      ['requests.json', `${wikiBody()}&media_url=javascript:alert(1)`, 400, /media_url/],
      ['requests.csv', wikiBody(), 404, /Format/],
    ];
    for (const [file, body, status, description] of cases) {
      const res = await post(`/open311/v2/${file}`, body);
      expect(res.statusCode, `${file} ${body}`).toBe(status);
      if (file.endsWith('.xml')) {
        expect(xmlRoot(res.body)).toEqual(xmlRoot(WIKI_ERRORS_XML));
        const [e] = xmlRecords(res.body, 'error');
        expect(keys(e ?? {})).toEqual(keys(xmlRecords(WIKI_ERRORS_XML, 'error')[0] ?? {}));
        expect(e?.code).toBe(String(status));
      } else {
        const [e] = res.json() as { code: number; description: string }[];
        expect(keys(e ?? {})).toEqual(keys(WIKI_ERRORS_JSON[0] as object));
        expect(e).toMatchObject({ code: status, description: expect.stringMatching(description) });
      }
    }
    // Bodies the server cannot read at all still get the standard's shape, never a 500.
    for (const [payload, type, status] of [
      ['{"service_code":', 'application/json', 400],
      ['--x\r\n', 'multipart/form-data; boundary=x', 415],
      [`description=${'a'.repeat(300 * 1024)}`, FORM, 413],
    ] as const) {
      const res = await http.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload,
        headers: { 'content-type': type },
      });
      expect(res.statusCode, type).toBe(status);
      expect(res.json()).toEqual([{ code: status, description: expect.any(String) }]);
    }
    const bad = await post('/open311/v2/requests.json', wikiBody(), { 'x-request-id': 'a b' });
    expect(bad.statusCode).toBe(400);
    expect((await get('/open311/v2/nothing/here.json')).json()).toEqual([
      { code: 404, description: expect.any(String) },
    ]);
    expect(await rt.ctx.db.message.count(inbound)).toBe(before);
  });

  it('shows a request in the wiki GET shape: open/closed, public notes only, personal data masked', async () => {
    const body = form({
      service_code: 'DPUTR',
      lat: '-6.0052',
      long: '106.0531',
      description: 'Lubang besar di Jalan Ciwaduk Raya depan SDN Ciwaduk 2, hubungi saya di 0812 3456 7890.',
      media_url: 'https://crm.cilegon.go.id/foto/123.jpg',
    });
    ids.pothole = ((await post('/open311/v2/requests.json', body)).json() as { service_request_id: string }[])[0]
      ?.service_request_id as string;
    const api = await adminClient(rt.url);
    const act = (payload: object) => api('POST', `/api/complaints/${ids.pothole}/transitions`, payload);
    expect((await act({ action: 'verify', note: 'Catatan internal: pelapor kenalan kepala dinas' })).status).toBe(200);
    expect((await act({ action: 'forward', agency: 'DPUTR' })).status).toBe(200);
    expect((await act({ action: 'start', publicNote: 'Tim sudah survei. Info: 0813 9999 8888' })).status).toBe(200);

    const res = await get(`/open311/v2/requests/${ids.pothole.toLowerCase()}.json`);
    const [r] = res.json() as Record<string, unknown>[];
    expect(Object.keys(r ?? {})).toEqual(Object.keys(WIKI_REQUESTS_JSON[0] as object));
    expect(r).toMatchObject({
      service_request_id: ids.pothole,
      status: 'open',
      status_notes: 'Tim sudah survei. Info: [nomor telepon disamarkan]',
      service_code: 'DPUTR',
      service_name: 'Dinas Pekerjaan Umum dan Tata Ruang',
      agency_responsible: 'Dinas Pekerjaan Umum dan Tata Ruang',
      lat: -6.0052,
      long: 106.0531,
      media_url: 'https://crm.cilegon.go.id/foto/123.jpg',
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
    expect(String(r?.description)).toContain('[nomor telepon disamarkan]');
    expect(JSON.stringify(r)).not.toContain('kenalan kepala dinas');
    expect(JSON.stringify(r)).not.toContain('0812');

    const xml = await get(`/open311/v2/requests/${ids.pothole}.xml`);
    expect(xmlRoot(xml.body)).toEqual(xmlRoot(WIKI_REQUESTS_XML));
    const [rec] = xmlRecords(xml.body, 'request');
    expect(Object.keys(rec ?? {})).toEqual(Object.keys(xmlRecords(WIKI_REQUESTS_XML, 'request')[0] ?? {}));
    expect(rec).toMatchObject({ status: 'open', service_code: 'DPUTR', lat: '-6.0052', address_id: null });

    expect((await act({ action: 'resolve', publicNote: 'Lubang sudah ditambal.' })).status).toBe(200);
    const closed = (await get(`/open311/v2/requests/${ids.pothole}.json`)).json() as Record<string, unknown>[];
    expect(closed[0]).toMatchObject({
      status: 'closed',
      status_notes: 'Lubang sudah ditambal.',
      expected_datetime: null,
    });
  });

  it('keeps XML well-formed whatever the description holds', async () => {
    const hostile = 'Got <b>mampet</b> & "banjir" di gang \'Ciwaduk\' </description><x>\u0001 sampai lutut';
    const filed = await post(
      '/open311/v2/requests.json',
      form({ service_code: 'DPUTR', lat: '-6.01', long: '106.05', description: hostile }),
    );
    const id = (filed.json() as { service_request_id: string }[])[0]?.service_request_id;
    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expect(xml.body).not.toContain('<b>');
    expect(xml.body).not.toContain('\u0001');
    const [rec] = xmlRecords(xml.body, 'request');
    expect(rec?.description).toBe(hostile.replace('\u0001', '').trim());
    expect(Object.keys(rec ?? {})).toEqual(Object.keys(xmlRecords(WIKI_REQUESTS_XML, 'request')[0] ?? {}));
  });

  it("lists a complaint from another channel without the citizen's words, address or exact position", async () => {
    const trackingId = await fileOnWebForm({
      text: 'Saluran air depan rumah saya Pak Budi, Jl. Kemuning 12 RT 03, tersumbat dan meluap tiap hujan.',
      latitude: -6.0123456,
      longitude: 106.0456789,
    });
    const one = (await get(`/open311/v2/requests/${trackingId}.json`)).json() as Record<string, unknown>[];
    expect(one[0]).toMatchObject({ service_request_id: trackingId, description: null, address: null });
    expect(one[0]?.lat).toBe(-6.012);
    expect(one[0]?.long).toBe(106.046);
    expect(JSON.stringify(one)).not.toContain('Kemuning');
  });

  it('lists requests with the standard filters and never a rahasia complaint', async () => {
    ids.secret = await fileOnWebForm({
      text: 'Rahasia: ada pungutan liar di kantor kelurahan saat mengurus surat pengantar.',
      privacy: 'rahasia',
    });
    expect(ids.secret).toMatch(TRACKING);
    const all = (await get('/open311/v2/requests.json')).json() as { service_request_id: string }[];
    const listed = all.map((r) => r.service_request_id);
    expect(listed).toEqual(expect.arrayContaining([ids.wiki, ids.pothole]));
    expect(listed).not.toContain(ids.secret);
    expect((await get(`/open311/v2/requests/${ids.secret}.json`)).statusCode).toBe(404);
    const byIds = (
      await get(`/open311/v2/requests.json?service_request_id=${ids.wiki},${ids.secret},${ids.pothole}`)
    ).json();
    expect((byIds as { service_request_id: string }[]).map((r) => r.service_request_id).sort()).toEqual(
      [ids.wiki, ids.pothole].sort(),
    );
    const closed = (await get('/open311/v2/requests.json?status=closed')).json() as { service_request_id: string }[];
    expect(closed.map((r) => r.service_request_id)).toEqual([ids.pothole]);
    const open = (await get('/open311/v2/requests.json?status=open')).json() as { status: string }[];
    expect(open.length).toBe(listed.length - 1);
    expect(open.every((r) => r.status === 'open')).toBe(true);
    const dputr = (await get('/open311/v2/requests.json?service_code=dputr')).json() as { service_code: string }[];
    expect(dputr.length).toBeGreaterThan(0);
    expect(dputr.every((r) => r.service_code === 'DPUTR')).toBe(true);
    const past = await get('/open311/v2/requests.json?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z');
    expect(past.json()).toEqual([]);
    const xmlList = await get('/open311/v2/requests.xml?status=open,closed');
    expect(xmlRecords(xmlList.body, 'request')).toHaveLength(listed.length);
    for (const q of [
      'status=pending',
      'start_date=kemarin',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    ]) {
      const bad = await get(`/open311/v2/requests.json?${q}`);
      expect(bad.statusCode, q).toBe(400);
      expect(bad.json()).toEqual([{ code: 400, description: expect.any(String) }]);
    }
  });
});

describe('Open311 POST limits on sqlite', () => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    // No OPEN311_API_KEY: POSTs need no key; limited like the public form.
    rt = await startTestRuntime({ DATABASE_URL: database.url, RATE_LIMIT_REPORTS_PER_MINUTE: '2' });
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('accepts POSTs without a key when none is set, and answers the third in a minute 429 in the standard shape', async () => {
    const body = new URLSearchParams({
      service_code: 'DISHUB',
      address_string: 'Simpang PCI, Jl. Jenderal Sudirman',
      description: 'Lampu lalu lintas di simpang PCI mati sejak pagi, lalu lintas semrawut.',
    }).toString();
    const send = () =>
      rt.http.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        payload: body,
        headers: { 'content-type': FORM },
      });
    expect((await send()).statusCode).toBe(201);
    expect((await send()).statusCode).toBe(201);
    const limited = await send();
    expect(limited.statusCode).toBe(429);
    expect(xmlRoot(limited.body)).toEqual(xmlRoot(WIKI_ERRORS_XML));
    expect(xmlRecords(limited.body, 'error')[0]).toMatchObject({
      code: '429',
      description: expect.stringMatching(/terlalu banyak/),
    });
    // Reading is not limited by the POST limit.
    expect((await rt.http.inject({ method: 'GET', url: '/open311/v2/services.json' })).statusCode).toBe(200);
  });
});
