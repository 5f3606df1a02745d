// Issue #8: "web reporters never see most replies". Through the private link the reporter sees every message
// the city sent (acknowledgement, 112 advice, referral with where to report, follow-ups, resolution), only
// public notes (masked), and can add information and photos, reopen, confirm and rate. Real server, both DBs.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeComplaint } from '../../src/app/merge.js';
import { applyTransition } from '../../src/app/transitions.js';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const MAX_BYTES = 4096;
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(200)]);
const ADMIN_ACTOR = 'admin@cilegon.go.id';

const byId = (html: string, id: string) => new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1];
const key = () => randomBytes(16).toString('base64url');

describe.each(providers)('the private page on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kanal-aduan-data-'));

  /** Files a complaint through the form and returns its private URL and tracking ID. */
  async function file(text: string, privacy = 'named') {
    const r = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ submissionId: key(), text, privacy }).toString(),
    });
    expect(r.status).toBe(303);
    const url = (r.headers.get('location') ?? '').replace('?ok=baru', '');
    const page = await show(url);
    return { url, trackingId: byId(page.text, 'tracking-id') ?? '' };
  }

  async function show(url: string) {
    const r = await fetch(`${rt.url}${url}`);
    return { status: r.status, text: await r.text(), headers: r.headers };
  }

  async function act(url: string, fields: Record<string, string>, files: { name: string; bytes: Buffer }[] = []) {
    const body = new FormData();
    for (const [k, v] of Object.entries({ actionId: key(), ...fields })) body.append(k, v);
    for (const f of files) body.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
    const r = await fetch(`${rt.url}${url}`, { method: 'POST', body, redirect: 'manual' });
    return { status: r.status, location: r.headers.get('location'), text: await r.text() };
  }

  const transition = (trackingId: string, action: 'verify' | 'forward' | 'resolve' | 'refer', extra = {}) =>
    applyTransition(rt.ctx, { trackingId, action, actor: ADMIN_ACTOR, ...extra });

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
    });
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('shows the 112 advice and the acknowledgement of an emergency', async () => {
    const { url, trackingId } = await file(
      'Tolong ada kebakaran rumah warga di Jalan Kubang Laban, api sudah besar sekali!',
    );
    const page = await show(url);
    expect(page.text).toContain('segera hubungi 112');
    expect(page.text).toContain(trackingId);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('shows a referral with where to report instead', async () => {
    const { url, trackingId } = await file(
      'Listrik PLN padam sudah 3 hari di Perumahan Bukit Palem, tidak ada petugas datang.',
    );
    await transition(trackingId, 'refer', { agency: 'PLN' });
    const page = await show(url);
    expect(byId(page.text, 'status')).toBe('Bukan wewenang Pemerintah Kota');
    expect(page.text).toContain('Urusan ini merupakan kewenangan PT PLN (Persero)');
    expect(page.text).toContain('Silakan sampaikan ke: PT PLN (Persero)');
  });

  it('shows public notes masked, never internal notes, and the resolution; then confirm and rate', async () => {
    const { url, trackingId } = await file('Sampah menumpuk di TPS Jalan Lingkar Selatan sudah 5 hari, bau sekali.');
    await transition(trackingId, 'verify', { note: 'Mohon ditindaklanjuti, pelapor kenalan Pak Camat.' });
    await transition(trackingId, 'forward', { agency: 'DLH', note: 'Hubungi Pak Joko 0812-9999-8888 di lapangan.' });
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    await rt.ctx.db.complaintNote.createMany({
      data: [
        {
          complaintId: complaint.id,
          authorName: 'Admin',
          visibility: 'internal',
          body: 'Catatan dalam: NIK pelapor 3672011203850001',
        },
        {
          complaintId: complaint.id,
          authorName: 'DLH',
          visibility: 'public',
          body: 'Truk B 1234 XYZ dijadwalkan, info 0254-391234.',
        },
      ],
    });
    await transition(trackingId, 'resolve', {
      publicNote: 'Sampah sudah diangkut, hubungi 081298765432 bila menumpuk lagi.',
    });
    const page = await show(url);
    expect(byId(page.text, 'status')).toBe('Selesai');
    for (const internal of [
      'Mohon ditindaklanjuti',
      'Pak Camat',
      'Joko',
      '0812-9999-8888',
      'Catatan dalam',
      '3672011203850001',
      // Public notes name others too: masked in the history and in the city's messages alike.
      '081298765432',
      'B 1234 XYZ',
    ]) {
      expect(page.text).not.toContain(internal);
    }
    expect(page.text).toContain('Truk [pelat nomor disamarkan] dijadwalkan, info [nomor telepon disamarkan].');
    expect(page.text).toContain('Sampah sudah diangkut, hubungi [nomor telepon disamarkan] bila menumpuk lagi.');
    expect(page.text).toContain(`Laporan ${trackingId} telah dinyatakan selesai`);

    expect(await act(url, { action: 'confirm', trackingId })).toMatchObject({
      status: 303,
      location: `${url}?ok=confirm`,
    });
    expect(await act(url, { action: 'rate', trackingId, rating: '4', text: 'Cepat, terima kasih.' })).toMatchObject({
      status: 303,
    });
    const rated = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(rated).toMatchObject({ status: 'resolved', rating: 4, ratingComment: 'Cepat, terima kasih.' });
    expect(rated.ratedAt).not.toBeNull();
    expect(
      await rt.ctx.db.statusEvent.count({ where: { complaintId: rated.id, action: 'confirm', actor: 'reporter' } }),
    ).toBe(1);
    const after = await show(`${url}?ok=rate`);
    expect(after.text).toContain('Terima kasih atas penilaian Anda.');
  });

  it('adds information with a photo once per action key, stored like other attachments', async () => {
    const { url, trackingId } = await file('Jalan berlubang di depan Pasar Kranggot membahayakan pengendara motor.');
    const actionId = key();
    const fields = { actionId, action: 'add', trackingId, text: 'Ini fotonya, lubangnya sedalam 30 cm.' };
    const first = await act(url, fields, [{ name: 'lubang.png', bytes: PNG }]);
    const again = await act(url, fields, [{ name: 'lubang.png', bytes: PNG }]);
    expect(first).toMatchObject({ status: 303, location: `${url}?ok=add` });
    expect(again.status).toBe(303);
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId },
      include: { attachments: true },
    });
    expect(complaint.text.match(/sedalam 30 cm/g)).toHaveLength(1);
    expect(complaint.attachments).toHaveLength(1);
    expect(complaint.attachments[0]).toMatchObject({ kind: 'photo', mimeType: 'image/png', sizeBytes: PNG.length });
    expect(await rt.downloadAttachments()).toBe(1);
    const stored = await rt.ctx.db.attachment.findFirstOrThrow({ where: { complaintId: complaint.id } });
    expect(stored.storagePath).toMatch(/\.png$/);
    expect(existsSync(path.join(dataDir, 'attachments', stored.storagePath ?? ''))).toBe(true);
    const page = await show(url);
    expect(page.text).toContain('Ini fotonya, lubangnya sedalam 30 cm.');
    expect(page.text).toContain('1 berkas dilampirkan');
  });

  it('refuses a file of another type or over ATTACHMENT_MAX_BYTES politely, storing nothing', async () => {
    const { url, trackingId } = await file('Pohon tumbang menutup Jalan Raya Anyer dekat Kelurahan Kubangsari.');
    const inbound = { where: { direction: 'inbound' } };
    const before = await rt.ctx.db.message.count(inbound);
    const exe = await act(url, { action: 'add', trackingId, text: 'lampiran' }, [
      { name: 'foto.jpg', bytes: Buffer.from('MZ\x90\x00 this is not a photo') },
    ]);
    expect(exe.status).toBe(400);
    expect(exe.text).toContain('Jenis berkas tidak diterima');
    const big = await act(url, { action: 'add', trackingId, text: 'lampiran' }, [
      { name: 'besar.png', bytes: Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]) },
    ]);
    expect(big.status).toBe(413);
    expect(big.text).toContain('Berkas terlalu besar');
    const empty = await act(url, { action: 'add', trackingId });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Mohon tuliskan informasi tambahan');
    expect(await rt.ctx.db.message.count(inbound)).toBe(before);
  });

  it('reopens a resolved complaint from the private page', async () => {
    const { url, trackingId } = await file('Lampu PJU di Jalan Ahmad Yani mati total sejak seminggu lalu.');
    await transition(trackingId, 'forward', { agency: 'DISPERKIM' });
    await transition(trackingId, 'resolve', { publicNote: 'Lampu sudah diganti.' });
    const res = await act(url, { action: 'reopen', trackingId, text: 'Lampunya mati lagi sejak kemarin.' });
    expect(res).toMatchObject({ status: 303, location: `${url}?ok=reopen` });
    const c = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(c.status).toBe('in_progress');
    expect(c.text).toContain('Lampunya mati lagi sejak kemarin.');
    expect((await show(url)).text).toContain(`kami buka kembali untuk ditindaklanjuti`);
  });

  it('reopening a duplicate merged into a case reopens the case', async () => {
    const main = await file('Banjir setinggi lutut di Jalan Kubang Lesung setiap hujan deras, drainase tersumbat.');
    const dup = await file('Jalan Kubang Lesung banjir lagi tiap hujan, saluran airnya mampet total.');
    await transition(main.trackingId, 'forward', { agency: 'DPUTR' });
    await mergeComplaint(rt.ctx, { trackingId: dup.trackingId, into: main.trackingId, actor: ADMIN_ACTOR });
    await transition(main.trackingId, 'resolve', { publicNote: 'Saluran sudah dikeruk.' });
    expect((await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: dup.trackingId } })).status).toBe(
      'resolved',
    );
    const res = await act(dup.url, {
      action: 'reopen',
      trackingId: dup.trackingId,
      text: 'Masih banjir kemarin sore.',
    });
    expect(res.status).toBe(303);
    for (const id of [main.trackingId, dup.trackingId]) {
      expect((await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: id } })).status).toBe('in_progress');
    }
  });

  it('the public page and API show no text, NIK, phone or note of even a named report', async () => {
    const { trackingId } = await file(
      'Saya Budi, NIK 3672011203850001, HP 0812-3456-7890: KTP-el saya belum jadi tiga bulan di Disdukcapil.',
    );
    await transition(trackingId, 'forward', {
      agency: 'DISDUKCAPIL',
      note: 'Mohon ditindaklanjuti segera.',
      publicNote: 'Diteruskan ke Disdukcapil, hubungi 0254-391234.',
    });
    const page = await show(`/lacak/${trackingId}`);
    const api = await show(`/api/public/complaints/${trackingId}`);
    for (const body of [page.text, api.text]) {
      for (const leak of ['3672011203850001', '0812', 'Budi', 'KTP-el', 'Mohon ditindaklanjuti', '391234']) {
        expect(body).not.toContain(leak);
      }
    }
    expect(page.text).toContain('Dinas Kependudukan dan Pencatatan Sipil');
  });

  it("cannot act on someone else's complaint, and an unknown link is a polite 404", async () => {
    const victim = await file('Air PDAM tidak mengalir di Perumahan Taman Krakatau sejak tiga hari.');
    const stranger = await file('Parkir liar di depan Mal Cilegon membuat macet setiap sore.');
    const before = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: victim.trackingId } });
    const res = await act(stranger.url, { action: 'add', trackingId: victim.trackingId, text: 'Laporan ini palsu.' });
    expect(res.status).toBe(404);
    expect(res.text).toContain('Laporan tidak ditemukan pada tautan ini.');
    const after = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: victim.trackingId } });
    expect(after.text).toBe(before.text);
    for (const bad of [`/laporan/${key()}${key()}`.slice(0, 41), '/laporan/pendek', `/laporan/${'A'.repeat(32)}`]) {
      const page = await show(bad);
      expect({ bad, status: page.status }).toEqual({ bad, status: 404 });
      expect(page.text).toContain('Tautan laporan tidak dikenal');
    }
  });
});
