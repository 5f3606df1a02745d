// The WhatsApp Web channel end to end: the real product (intake, outbox worker, admin API) on a fresh SQLite
// database, with the real adapter and supervisor driving a fake whatsapp-web.js client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWhatsAppWebAdapter, type WhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import { upsertUser } from '../../src/app/auth.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeSent, FakeWhatsApp } from '../fakes/whatsapp-web-client.js';
import { sqliteDatabase, type TestDatabase } from '../support/databases.js';
import { verifyAndForwardToDputr } from '../support/desk-actions.js';
import { ADMIN, adminClient, eventually, sessionCookie, startTestRuntime } from '../support/runtime.js';

/** The acknowledgement carries the new tracking ID (a first-time reporter also gets a welcome before it). */
const isAck = (s: FakeSent) => s.body.includes('sudah kami terima') && findTrackingId(s.body) !== null;

const CONFIG = {
  sessionDir: 'unused',
  clientId: 'e2e',
  chromiumPath: '/nonexistent',
  headless: true,
  minSendIntervalMs: 0,
};

describe('whatsapp web round trip on sqlite', () => {
  let wa: FakeWhatsApp;
  let adapter: WhatsAppWebAdapter;
  let database: TestDatabase;
  let rt: Runtime;
  const alerts: string[] = [];
  const citizen = '6281234567890@c.us';
  let trackingId = '';

  beforeAll(async () => {
    wa = new FakeWhatsApp();
    adapter = createWhatsAppWebAdapter(CONFIG, {
      logger: createLogger('silent'),
      createClient: wa.createClient,
      onAlert: (a) => alerts.push(a),
      printQr: () => undefined,
      reconnect: { baseDelayMs: 50, maxDelayMs: 200 },
    });
    database = sqliteDatabase();
    rt = await startTestRuntime({ DATABASE_URL: database.url }, { adapters: [adapter] });
    await eventually(async () => adapter.status().state === 'ready');
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  it('acknowledges a complaint with a tracking ID, once even when the message is emitted twice', async () => {
    const message = wa.text(citizen, 'jln depan SDN 3 Jombang rusak parah gan, berlubang udh 2 bln gak dibenerin');
    wa.deliver(message);
    wa.deliver(message);
    const [ack] = await wa.waitForSent(isAck);
    expect(ack?.to).toBe(citizen);
    trackingId = findTrackingId(ack?.body ?? '') ?? '';
    expect(trackingId).toMatch(/^CLG-\d{6}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}$/);

    // A later message proves the duplicate was consumed before we count.
    wa.deliver(wa.text(citizen, `cek ${trackingId}`));
    await wa.waitForSent((s) => s.body.startsWith(`Status laporan ${trackingId}`));
    expect(await rt.ctx.db.complaint.count()).toBe(1);
    expect(wa.sent.filter(isAck)).toHaveLength(1);
    expect(await rt.ctx.db.message.count({ where: { channel: 'whatsapp', direction: 'inbound' } })).toBe(2);
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId },
      include: { reporter: true },
    });
    expect(complaint.replyAddress).toBe(`whatsapp:${citizen}`);
    expect(complaint.reporter.phone).toBe('+6281234567890');
  });

  it('makes several messages, a photo and a location within a minute one complaint', async () => {
    const other = '6287711112222@c.us';
    const photo = wa.image(other, 'ini fotonya pak', Buffer.from('jpeg-bytes-of-the-hole'));
    wa.deliver(wa.text(other, 'Jalan di depan Pasar Kranggot rusak parah, banyak lubang besar'));
    wa.deliver(wa.text(other, 'sudah ada 2 motor jatuh minggu ini'));
    wa.deliver(photo);
    wa.deliver(wa.location(other, -6.0043, 106.0412, 'Pasar Kranggot'));
    await eventually(async () => {
      const processed = await rt.ctx.db.message.count({
        where: { channel: 'whatsapp', state: 'processed', externalId: { contains: other } },
      });
      return processed === 4;
    });
    const complaints = await rt.ctx.db.complaint.findMany({
      where: { replyAddress: `whatsapp:${other}` },
      include: { attachments: true },
    });
    expect(complaints).toHaveLength(1);
    const [c] = complaints;
    expect(c?.text).toContain('banyak lubang besar');
    expect(c?.text).toContain('2 motor jatuh');
    expect(c).toMatchObject({ latitude: -6.0043, longitude: 106.0412 });
    expect(c?.attachments).toHaveLength(1);
    expect(c?.attachments[0]).toMatchObject({ kind: 'photo', platformFileId: photo.id._serialized });
    await wa.waitForSent((s) => s.to === other && isAck(s));
    expect(wa.sent.filter((s) => s.to === other && isAck(s))).toHaveLength(1);

    // The attachment job can fetch the photo through the adapter.
    const file = await adapter.download(photo.id._serialized, 1_000_000);
    expect(file).toEqual({ bytes: Buffer.from('jpeg-bytes-of-the-hole'), mimeType: 'image/jpeg' });
  });

  it('sends the reporter a message for verify and for forward', async () => {
    const before = wa.sent.length;
    await verifyAndForwardToDputr(rt.url, trackingId);
    const [verified, forwarded] = (await wa.waitForSent(before + 2)).slice(before);
    expect(verified).toMatchObject({ to: citizen });
    expect(verified?.body).toContain(`Laporan ${trackingId} telah diverifikasi`);
    expect(forwarded).toMatchObject({ to: citizen });
    expect(forwarded?.body).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
  });

  it('keeps a status update pending while disconnected and delivers it after the reconnect', async () => {
    const api = await adminClient(rt.url);
    const clientsBefore = wa.clients.length;
    wa.autoReady = false;
    wa.current.emit('disconnected', 'NAVIGATION');
    expect(adapter.status().state).toBe('reconnecting');

    await api('POST', `/api/complaints/${trackingId}/transitions`, {
      action: 'start',
      publicNote: 'Tim sudah survei lokasi.',
    });
    const row = await eventually(async () =>
      rt.ctx.db.outbox.findFirst({ where: { kind: 'status:in_progress', attempts: 1, status: 'pending' } }),
    );
    const attempt = await rt.ctx.db.deliveryAttempt.findFirstOrThrow({ where: { outboxId: row.id } });
    expect(attempt).toMatchObject({ outcome: 'retry', error: 'WhatsApp belum terhubung' });
    expect(wa.sent.some((s) => s.body.includes('Tim sudah survei lokasi.'))).toBe(false);

    // The supervisor builds a new client after the backoff; it connects once "the phone" is back.
    await eventually(async () => wa.clients.length === clientsBefore + 1);
    wa.current.becomeReady();
    expect(adapter.status().state).toBe('ready');
    expect(alerts).toEqual([]);

    // The retry becomes due, as time passing would make it.
    await rt.ctx.db.outbox.update({ where: { id: row.id }, data: { nextAttemptAt: new Date() } });
    await rt.intake.settle();
    await rt.worker.drain();
    const [delivered] = wa.sent.filter((s) => s.body.includes('Tim sudah survei lokasi.'));
    expect(delivered?.to).toBe(citizen);
    expect(await rt.ctx.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
      platformMessageId: delivered?.id,
    });
  });

  it('mounts its own admin page through the adapter contract: admins only, health in the channel list', async () => {
    const page = (cookie?: string, method = 'GET', url = '/admin/whatsapp') =>
      rt.http.inject({ method, url, headers: cookie ? { cookie } : {} });
    expect((await page()).statusCode).toBe(401);
    const officer = { email: 'petugas-wa@cilegon.go.id', password: 'kata-sandi-123' };
    await upsertUser(rt.ctx.db, { ...officer, role: 'officer', agencyCode: 'DPUTR' });
    expect((await page(await sessionCookie(rt.http, officer))).statusCode).toBe(403);

    const admin = await sessionCookie(rt.http, ADMIN);
    const shown = await page(admin);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.body).toContain('WhatsApp Web');
    const health = await rt.http.inject({ method: 'GET', url: '/api/health/channels', headers: { cookie: admin } });
    expect((health.json() as { channels: { name: string; state: string }[] }).channels).toContainEqual(
      expect.objectContaining({ name: 'whatsapp', state: 'connected' }),
    );

    const clientsBefore = wa.clients.length;
    const restart = await page(admin, 'POST', '/admin/whatsapp/restart');
    expect(restart.statusCode).toBe(303);
    expect(restart.headers.location).toBe('/admin/whatsapp');
    await eventually(async () => wa.clients.length === clientsBefore + 1);
  });
});
