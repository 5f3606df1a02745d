// Issue acceptance: "the same round trip passes through the web channel". A browser-like client files a
// complaint on /lapor, keeps the private link it is given, sees the admin's verify and forward there, while
// /lacak shows only the status to anyone else, on SQLite and PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { adminClient, startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

const TRACKING = /^CLG-\d{6}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}$/;
const PRIVATE = /^\/laporan\/([A-Za-z0-9_-]{32})\?ok=baru$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Res {
  status: number;
  location: string | null;
  type: string;
  text: string;
  headers?: Record<string, string>;
}

/** A fetch that does not follow redirects and keeps the body as text, like a test browser. */
async function get(base: string, url: string): Promise<Res> {
  const r = await fetch(`${base}${url}`, { redirect: 'manual' });
  return {
    status: r.status,
    location: r.headers.get('location'),
    type: r.headers.get('content-type') ?? '',
    text: await r.text(),
    headers: Object.fromEntries(r.headers),
  };
}

/** Posts the /lapor form as a browser does: application/x-www-form-urlencoded, no redirect following. */
async function postForm(base: string, fields: Record<string, string>): Promise<Res> {
  const r = await fetch(`${base}/lapor`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: r.status,
    location: r.headers.get('location'),
    type: r.headers.get('content-type') ?? '',
    text: await r.text(),
  };
}

async function postJson(base: string, body: unknown) {
  const r = await fetch(`${base}/lapor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** The hidden idempotency key of a freshly rendered form. */
function submissionIdOf(formHtml: string): string {
  const m = /<input type="hidden" name="submissionId" value="([A-Za-z0-9_-]+)">/.exec(formHtml);
  if (!m?.[1]) throw new Error('no submissionId in the form');
  return m[1];
}

async function freshForm(base: string): Promise<string> {
  return submissionIdOf((await get(base, '/lapor')).text);
}

/** The text of the element with the given id on a server-rendered page. */
function byId(html: string, id: string): string | undefined {
  return new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];
}

describe.each(providers)('web round trip on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let base = '';
  let api: Awaited<ReturnType<typeof adminClient>>;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    base = rt.url;
    api = await adminClient(base);
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  const complaintText = 'Jalan di depan SDN 3 Jombang rusak parah, berlubang sudah 2 bulan belum diperbaiki.';
  let trackingId = '';
  let submissionId = '';
  let privateUrl = '';
  let address = '';

  it('renders the Indonesian form with a hidden submissionId, fresh on every render', async () => {
    const page = await get(base, '/lapor');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('<html lang="id">');
    expect(page.text).toContain('Sampaikan Pengaduan');
    expect(page.text).toContain('Kota Cilegon');
    expect(page.text).toContain('<form method="post" action="/lapor">');
    for (const field of ['text', 'name', 'contact', 'privacy']) expect(page.text).toContain(`name="${field}"`);
    const id = submissionIdOf(page.text);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    expect(await freshForm(base)).not.toBe(id);
    expect((await get(base, '/')).location).toBe('/lapor');
  });

  it('accepts the form as a browser posts it and redirects to the private page', async () => {
    submissionId = await freshForm(base);
    const res = await postForm(base, { submissionId, text: complaintText, name: 'Budi Santoso', privacy: 'named' });
    expect(res.status).toBe(303);
    const secret = PRIVATE.exec(res.location ?? '')?.[1] ?? '';
    expect(secret).toHaveLength(32);
    privateUrl = `/laporan/${secret}`;
    address = `web:${sha256(secret)}`;

    const page = await get(base, res.location ?? '');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    trackingId = byId(page.text, 'tracking-id') ?? '';
    expect(trackingId).toMatch(TRACKING);
    expect(byId(page.text, 'status')).toBe('Diterima, menunggu verifikasi');
    expect(page.text).toContain('<p class="ok" role="status">Terima kasih, laporan Anda sudah kami terima');
    expect(page.text).toContain(complaintText);
    // The link to keep is shown once, and the acknowledgement with the tracking ID is in the messages.
    expect(page.text).toContain(`id="private-link"`);
    expect(page.text).toContain(`${base}${privateUrl}`);
    expect(page.text).toMatch(new RegExp(`Petugas</strong>[^<]*<br>[^<]*${trackingId}`));

    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId },
      include: { reporter: true },
    });
    expect(complaint).toMatchObject({ channel: 'web', status: 'received', privacy: 'named', text: complaintText });
    expect(complaint.replyAddress).toBe(address);
    expect(complaint.reporter.displayName).toBe('Budi Santoso');
    // Without ?ok=baru neither the thank-you banner nor the link box is shown again.
    const again = await get(base, privateUrl);
    expect(again.text).not.toContain('class="ok"');
    expect(again.text).not.toContain('id="private-link"');
  });

  it('files one complaint when the same form is posted twice (double click)', async () => {
    const again = await postForm(base, { submissionId, text: complaintText, name: 'Budi Santoso', privacy: 'named' });
    expect(again.status).toBe(303);
    expect(again.location).toBe(`${privateUrl}?ok=baru`);
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(await rt.ctx.db.complaint.count({ where: { replyAddress: address } })).toBe(1);
    expect(await rt.ctx.db.outbox.count({ where: { complaintId: complaint.id, kind: 'ack' } })).toBe(1);
    expect(await rt.ctx.db.outbox.count({ where: { address } })).toBe(1);
    expect(await rt.ctx.db.message.count({ where: { channel: 'web', externalId: submissionId } })).toBe(1);
    expect(
      await rt.ctx.db.message.count({ where: { channel: 'web', complaintId: complaint.id, direction: 'inbound' } }),
    ).toBe(1);
  });

  it('files one complaint when the two posts of a double click arrive at the same time (double click, back, resubmit)', async () => {
    const id = await freshForm(base);
    const fields = {
      submissionId: id,
      text: 'Lampu PJU di Jalan Ahmad Yani mati total sejak seminggu.',
      privacy: 'named',
    };
    const [a, ...others] = await Promise.all([postForm(base, fields), postForm(base, fields), postForm(base, fields)]);
    expect(a?.status).toBe(303);
    const secret = PRIVATE.exec(a?.location ?? '')?.[1] ?? '';
    expect(secret).toHaveLength(32);
    for (const b of others) expect(b).toMatchObject({ status: 303, location: a?.location });
    expect(await rt.ctx.db.complaint.count({ where: { replyAddress: `web:${sha256(secret)}` } })).toBe(1);
    expect(await rt.ctx.db.outbox.count({ where: { address: `web:${sha256(secret)}` } })).toBe(1);
  });

  it('answers a JSON client with 201 {trackingId, privateUrl}', async () => {
    const id = await freshForm(base);
    const res = await postJson(base, { submissionId: id, text: 'Sampah menumpuk di TPS Pasar Kranggot sudah 4 hari.' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['privateUrl', 'trackingId']);
    expect(res.body.trackingId).toMatch(TRACKING);
    expect(res.body.privateUrl).toMatch(/^\/laporan\/[A-Za-z0-9_-]{32}$/);
    const again = await postJson(base, {
      submissionId: id,
      text: 'Sampah menumpuk di TPS Pasar Kranggot sudah 4 hari.',
    });
    expect(again).toEqual(res);
    const page = await get(base, String(res.body.privateUrl));
    expect(byId(page.text, 'status')).toBe('Diterima, menunggu verifikasi');
    expect(byId(page.text, 'tracking-id')).toBe(res.body.trackingId);
  });

  it('delivers verify and forward on the private page; the tracking page and public API show status only', async () => {
    expect(await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'verify' })).toMatchObject({
      status: 200,
      body: { trackingId, from: 'received', to: 'verified' },
    });
    expect(
      await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'forward', agency: 'DPUTR' }),
    ).toMatchObject({ status: 200, body: { trackingId, from: 'verified', to: 'forwarded' } });
    await rt.intake.settle();
    await rt.worker.drain();

    const rows = await rt.ctx.db.outbox.findMany({
      where: { address, kind: { startsWith: 'status:' } },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((r) => [r.kind, r.status, r.channel])).toEqual([
      ['status:verified', 'sent', 'web'],
      ['status:forwarded', 'sent', 'web'],
    ]);
    expect(rows[0]?.text).toContain(`Laporan ${trackingId} telah diverifikasi`);
    expect(rows[1]?.text).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
    expect(rows[1]?.text).not.toContain('DPUTR');
    for (const r of rows) expect(r.platformMessageId).toMatch(new RegExp(`^${address}:`));
    const ack = await rt.ctx.db.outbox.findFirstOrThrow({ where: { address, kind: 'ack' } });
    // The acknowledgement was shown on the private page earlier: delivered, not just sent.
    expect(ack.status).toBe('delivered');
    expect(ack.text).toContain(trackingId);

    // The reporter sees both updates on the private page; showing them is the web channel's delivery.
    const own = await get(base, privateUrl);
    expect(byId(own.text, 'status')).toBe('Diteruskan ke perangkat daerah');
    for (const r of rows) expect(own.text).toContain(r.text.split('\n')[0]);
    expect(await rt.ctx.db.outbox.count({ where: { address, status: 'delivered', deliveredAt: { not: null } } })).toBe(
      3,
    );
    expect(own.headers?.['cache-control']).toBe('no-store');

    const page = await get(base, `/lacak/${trackingId.toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(byId(page.text, 'tracking-id')).toBe(trackingId);
    expect(byId(page.text, 'status')).toBe('Diteruskan ke perangkat daerah');
    expect(page.text).toContain('Ditangani oleh: Dinas Pekerjaan Umum dan Tata Ruang');
    const timeline = [...page.text.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
    expect(timeline).toEqual(['Diterima, menunggu verifikasi', 'Terverifikasi', 'Diteruskan ke perangkat daerah']);

    const r = await fetch(`${base}/api/public/complaints/${trackingId}`);
    expect(r.status).toBe(200);
    const pub = (await r.json()) as Record<string, unknown> & { events: { status: string; at: string }[] };
    expect(pub).toMatchObject({ trackingId, status: 'forwarded', agencyName: 'Dinas Pekerjaan Umum dan Tata Ruang' });
    expect(pub.events.map((e) => e.status)).toEqual(['received', 'verified', 'forwarded']);
    const times = pub.events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The public view names no one, carries no text and exposes no internal fields.
    expect(Object.keys(pub).sort()).toEqual(['agencyName', 'createdAt', 'events', 'status', 'trackingId', 'updatedAt']);
    expect(JSON.stringify(pub)).not.toContain('Budi');
    expect(JSON.stringify(pub)).not.toContain('SDN 3 Jombang');
    expect(page.text).not.toContain('SDN 3 Jombang');
  });

  it('never shows the text, notes or agency of a confidential (rahasia) complaint in public', async () => {
    const secret = 'Oknum petugas parkir di Jalan Merdeka meminta pungutan liar Rp20.000 setiap malam.';
    const res = await postForm(base, { submissionId: await freshForm(base), text: secret, privacy: 'rahasia' });
    expect(res.status).toBe(303);
    const own = await get(base, res.location ?? '');
    const id = byId(own.text, 'tracking-id') ?? '';
    expect(id).toMatch(TRACKING);
    // The reporter's own page shows their text.
    expect(own.text).toContain('pungutan liar');
    expect(await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } })).toMatchObject({
      privacy: 'rahasia',
      text: secret,
    });
    await api('POST', `/api/complaints/${id}/transitions`, {
      action: 'verify',
      note: 'Laporan lengkap, hubungi Pak Dedi 0812-1111-2222.',
    });
    await api('POST', `/api/complaints/${id}/transitions`, { action: 'forward', agency: 'DISHUB' });

    const page = await get(base, `/lacak/${id}`);
    expect(page.status).toBe(200);
    expect(byId(page.text, 'tracking-id')).toBe(id);
    expect(byId(page.text, 'status')).toBe('Diteruskan ke perangkat daerah');
    for (const hidden of ['pungutan liar', '<blockquote>', 'Dedi', '0812', 'Dinas Perhubungan']) {
      expect(page.text).not.toContain(hidden);
    }
    const r = await fetch(`${base}/api/public/complaints/${id}`);
    const pub = (await r.json()) as Record<string, unknown>;
    expect(r.status).toBe(200);
    expect(pub).toMatchObject({ trackingId: id, status: 'forwarded', agencyName: null });
    for (const hidden of ['pungutan liar', 'Dedi', '0812', 'Perhubungan'])
      expect(JSON.stringify(pub)).not.toContain(hidden);
    // The internal note reaches nobody outside the office, not even the reporter.
    expect((await get(base, res.location ?? '')).text).not.toContain('Dedi');
  });

  it('looks up a tracking ID typed in lower case, and answers an unknown one politely', async () => {
    const lookup = await get(base, '/lacak');
    expect(lookup.status).toBe(200);
    expect(lookup.text).toContain('Cek Status Laporan');

    const known = await get(base, `/lacak?id=${encodeURIComponent(` ${trackingId.toLowerCase()} `)}`);
    expect(known.status).toBe(302);
    expect(known.location).toBe(`/lacak/${trackingId}`);
    expect((await get(base, known.location ?? '')).status).toBe(200);

    const unknown = await get(base, '/lacak?id=clg-261128-abcd');
    expect(unknown.status).toBe(302);
    expect(unknown.location).toBe('/lacak/CLG-261128-ABCD');
    const page = await get(base, unknown.location ?? '');
    expect(page.status).toBe(404);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('<html lang="id">');
    expect(page.text).toContain('Laporan CLG-261128-ABCD tidak ditemukan.');
    expect(page.text).toContain('<form method="get" action="/lacak">');

    const garbage = await get(base, '/lacak?id=nomor-saya-hilang');
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain('Format nomor pelacakan tidak dikenali');

    const api = await fetch(`${base}/api/public/complaints/CLG-261128-ABCD`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  // Regression: "Cek …"/"Status …" on the web form is a complaint, not a bot command.
  it('files a form complaint that happens to begin with "cek" or "status"', async () => {
    for (const text of [
      'Cek saluran air di Jalan Kubang Laban, mampet dan banjir setiap hujan.',
      'Status tanah fasum di Perumahan Taman Cilegon Indah dipakai parkir liar.',
    ]) {
      const res = await postForm(base, { submissionId: await freshForm(base), text, privacy: 'named' });
      expect(res.status).toBe(303);
      expect(await rt.ctx.db.complaint.count({ where: { text } })).toBe(1);
    }
  });
});
