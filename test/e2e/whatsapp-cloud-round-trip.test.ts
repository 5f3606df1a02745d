// WhatsApp Cloud API end to end: real signed HTTP requests to /webhooks/whatsapp of the running product (real
// HTTP, database, classifier and outbox), replies through the fake Graph API. The adapter's clock is
// injected so the 24-hour customer-service window can pass without waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_SERVICE_WINDOW_MS } from '../../adapters/whatsapp-cloud/index.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeWhatsAppCloud, signWebhook, type WaSentMessage, type WaWebhook } from '../fakes/whatsapp-cloud.js';
import { sqliteDatabase, type TestDatabase } from '../support/databases.js';
import { verifyAndForwardToDputr } from '../support/desk-actions.js';
import { adminClient, eventually } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startWhatsAppCloudRuntime } from '../support/whatsapp-cloud-adapter.js';

const secrets = { appSecret: 'e2e-app-secret', accessToken: 'e2e-access-token' };
const verifyToken = 'kanal-aduan-verify-7f3a';
const waId = '6281311112222';
const TEMPLATE = 'pembaruan_laporan';

describe('whatsapp cloud api round trip on sqlite', () => {
  let fake: FakeWhatsAppCloud;
  let database: TestDatabase;
  let rt: Runtime;
  let clockOffsetMs = 0;
  let trackingId = '';
  let ack: WaSentMessage;

  beforeAll(async () => {
    database = sqliteDatabase();
    const adapterNow = () => new Date(Date.now() + clockOffsetMs);
    ({ fake, rt } = await startWhatsAppCloudRuntime(database, secrets, verifyToken, { adapterNow }));
  });
  afterAll(() => shutDown(rt, fake, database));

  const hook = (query = '') => `${rt.url}/webhooks/whatsapp${query}`;
  const post = (rawBody: string, headers: Record<string, string>) =>
    fetch(hook(), { method: 'POST', headers, body: rawBody });
  const deliver = (payload: WaWebhook) => {
    const { rawBody, headers } = fake.signedWebhook(payload);
    return post(rawBody, headers);
  };
  const texts = (needle: string) => fake.sent.filter((m) => m.type === 'text' && m.text?.body.includes(needle));
  const templateParam = (m: WaSentMessage) => JSON.stringify(m.template?.components);
  // The acknowledgement carries the new tracking ID (the first-contact welcome only mentions one).
  const isAck = (m: WaSentMessage) =>
    m.type === 'text' &&
    (m.text?.body.includes('nomor pelacakan') ?? false) &&
    findTrackingId(m.text?.body ?? '') !== null;

  it("answers Meta's verification handshake with the raw challenge, and 403 for a wrong token", async () => {
    const ok = await fetch(hook(`?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1158201444`));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(hook('?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444'));
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const { rawBody } = fake.signedWebhook(fake.textWebhook({ from: waId, body: 'jalan rusak parah' }));
    const wrong = await post(rawBody, {
      'content-type': 'application/json',
      'x-hub-signature-256': signWebhook('not-the-app-secret', rawBody),
    });
    expect(wrong.status).toBe(401);
    expect((await post(rawBody, { 'content-type': 'application/json' })).status).toBe(401);
    expect(await rt.ctx.db.message.count()).toBe(0);
  });

  it('refuses malformed JSON and a schema mismatch with a good signature with 400', async () => {
    for (const rawBody of [
      '{"object":"whatsapp_business_account","entry":[',
      '{"object":"whatsapp_business_account"}',
    ]) {
      const res = await post(rawBody, {
        'content-type': 'application/json',
        'x-hub-signature-256': fake.signWebhook(rawBody),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'bad_payload', message: expect.any(String) } });
    }
    // Kept for inspection, never processed as a citizen's message.
    const kept = await rt.ctx.db.message.findMany({ orderBy: { createdAt: 'asc' } });
    expect(kept.map((m) => [m.kind, m.state])).toEqual([
      ['malformed', 'rejected'],
      ['malformed', 'rejected'],
    ]);
    expect(JSON.parse(kept[0]?.payload ?? '{}').raw).toBe('{"object":"whatsapp_business_account","entry":[');
    await rt.ctx.db.message.deleteMany();
  });

  it('acknowledges a complaint with a tracking ID as free-form text, once even when Meta delivers it twice', async () => {
    const payload = fake.textWebhook({
      from: waId,
      name: 'Siti Aminah',
      body: 'jln depan SDN 3 Jombang rusak parah gan, berlubang udh 2 bln gak dibenerin',
    });
    const { rawBody, headers } = fake.signedWebhook(payload);
    expect((await post(rawBody, headers)).status).toBe(200);
    ack = await fake.waitForSent(isAck);
    expect(ack).toMatchObject({ type: 'text', to: waId });
    trackingId = findTrackingId(ack.text?.body ?? '') ?? '';
    expect(trackingId).toMatch(/^CLG-\d{6}-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}$/);

    expect((await post(rawBody, headers)).status).toBe(200);
    await rt.intake.settle();
    await rt.worker.drain();
    expect(await rt.ctx.db.complaint.count()).toBe(1);
    expect(await rt.ctx.db.message.count({ where: { channel: 'whatsapp', direction: 'inbound' } })).toBe(1);
    expect(fake.sent.filter(isAck)).toHaveLength(1);
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId },
      include: { reporter: true },
    });
    expect(complaint.replyAddress).toBe(`whatsapp:${waId}`);
    expect(complaint.reporter).toMatchObject({ displayName: 'Siti Aminah', phone: `+${waId}` });
    const outbox = await rt.ctx.db.outbox.findFirstOrThrow({ where: { kind: 'ack' } });
    expect(outbox).toMatchObject({ status: 'sent', platformMessageId: ack.wamid });
  });

  it('sends the reporter a message for verify and for forward', async () => {
    const before = fake.sent.length;
    await verifyAndForwardToDputr(rt.url, trackingId);
    await fake.waitForSent(() => fake.sent.length >= before + 2);
    const [verified, forwarded] = fake.sent.slice(before);
    expect(verified).toMatchObject({ type: 'text', to: waId });
    expect(verified?.text?.body).toContain(`Laporan ${trackingId} telah diverifikasi`);
    expect(forwarded?.text?.body).toContain('Dinas Pekerjaan Umum dan Tata Ruang');
  });

  it('sends a status update as the approved template once the 24-hour window has passed', async () => {
    const api = await adminClient(rt.url);
    clockOffsetMs = CUSTOMER_SERVICE_WINDOW_MS + 60 * 60_000;
    try {
      const note = 'Tim sudah survei lokasi.';
      // A public note: the one text that reaches the reporter (an internal `note` never does).
      await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'start', publicNote: note });
      const sent = await fake.waitForSent((m) => m.type === 'template' && templateParam(m).includes(note));
      expect(sent.template).toMatchObject({ name: TEMPLATE, language: { code: 'id' } });
      const [body] = (sent.template?.components ?? []) as {
        type: string;
        parameters: { type: string; text: string }[];
      }[];
      expect(body?.type).toBe('body');
      expect(body?.parameters).toHaveLength(1);
      // The notification has line breaks; Meta refuses them in a parameter, so they are flattened.
      expect(body?.parameters[0]?.text).toContain(`laporan ${trackingId}`);
      expect(body?.parameters[0]?.text).not.toMatch(/[\n\t]/);
      expect(texts(note)).toHaveLength(0);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('falls back to the template when Graph answers 131047 although our clock says the window is open', async () => {
    const api = await adminClient(rt.url);
    fake.closeWindow(waId);
    try {
      const note = 'Pengaspalan dijadwalkan minggu depan.';
      await api('POST', `/api/complaints/${trackingId}/transitions`, { action: 'start', publicNote: note });
      const sent = await fake.waitForSent((m) => m.type === 'template' && templateParam(m).includes(note));
      expect(sent.to).toBe(waId);
      expect(texts(note)).toHaveLength(0);
      const rejected = fake.requests.filter((r) => r.path.endsWith('/messages') && r.status === 400);
      expect(rejected.length).toBeGreaterThanOrEqual(1);
      // The fake records the send before it answers; the worker marks the row right after.
      const row = await eventually(() =>
        rt.ctx.db.outbox.findFirst({ where: { platformMessageId: sent.wamid, status: 'sent' } }),
      );
      expect(row.kind).toBe('status:in_progress');
    } finally {
      fake.openWindow(waId);
    }
  });

  it('stores an image with caption as a complaint with an attachment row, downloadable through the adapter', async () => {
    const photographer = '6285777788899';
    const mediaId = '1479537139650973';
    const bytes = Buffer.from('\xff\xd8\xff\xe0 fake jpeg bytes', 'latin1');
    fake.registerMedia(mediaId, bytes, 'image/jpeg');
    const caption = 'Sampah menumpuk di depan Pasar Kranggot sudah 3 hari, bau sekali';
    expect((await deliver(fake.imageWebhook({ from: photographer, mediaId, caption }))).status).toBe(200);
    const attachment = await eventually(() => rt.ctx.db.attachment.findFirst({ where: { platformFileId: mediaId } }));
    expect(attachment).toMatchObject({ kind: 'photo', mimeType: 'image/jpeg', caption });
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { id: attachment.complaintId } });
    expect(complaint.replyAddress).toBe(`whatsapp:${photographer}`);

    const adapter = rt.adapters.get('whatsapp');
    const file = await adapter?.download?.(mediaId, 1024);
    expect(file).toEqual({ bytes, mimeType: 'image/jpeg' });
    await expect(adapter?.download?.(mediaId, 5)).rejects.toMatchObject({ kind: 'permanent' });
  });

  it('records delivery statuses on the Outbox row, never downgrading a later one, and keeps no state of its own', async () => {
    for (const status of ['delivered', 'read', 'sent'] as const) {
      const res = await deliver(fake.statusWebhook({ id: ack.wamid, status, recipientId: waId }));
      expect(res.status).toBe(200);
    }
    // The receipts and the window live in the Outbox and ChannelIdentity rows: no KeyValue row that grows.
    expect(await rt.ctx.db.keyValue.count({ where: { key: { startsWith: 'whatsapp:' } } })).toBe(0);
    const identity = await rt.ctx.db.channelIdentity.findFirstOrThrow({ where: { address: `whatsapp:${waId}` } });
    expect(identity.lastInboundAt).toBeInstanceOf(Date);
    // Each receipt is kept raw as a status row, and the Outbox row of the acknowledgement moved on to read.
    expect(await rt.ctx.db.message.count({ where: { channel: 'whatsapp', disposition: 'status' } })).toBe(3);
    expect(await rt.ctx.db.outbox.findFirstOrThrow({ where: { platformMessageId: ack.wamid } })).toMatchObject({
      status: 'read',
      deliveredAt: expect.any(Date),
    });
    expect(await rt.ctx.db.complaint.count({ where: { reporter: { phone: null } } })).toBe(0);
  });

  it('answers a message Meta delivers days late with the template: the window runs from the message time', async () => {
    const late = '6281399990000';
    const twoDaysAgo = Math.floor((Date.now() - 2 * CUSTOMER_SERVICE_WINDOW_MS) / 1000);
    const body = 'Saluran air di Jl. Sunan Ampel tersumbat, mohon dibersihkan';
    expect((await deliver(fake.textWebhook({ from: late, body, timestamp: twoDaysAgo }))).status).toBe(200);
    const sent = await fake.waitForSent((m) => m.to === late && m.type === 'template');
    expect(templateParam(sent)).toContain('nomor pelacakan');
    expect(fake.sent.filter((m) => m.to === late && m.type === 'text')).toHaveLength(0);
    const identity = await rt.ctx.db.channelIdentity.findFirstOrThrow({ where: { address: `whatsapp:${late}` } });
    expect(identity.lastInboundAt?.getTime()).toBe(twoDaysAgo * 1000);
  });

  it('answers a sticker politely and stores it', async () => {
    expect((await deliver(fake.stickerWebhook({ from: waId }))).status).toBe(200);
    const reply = await fake.waitForSent((m) => m.text?.body.includes('baru dapat menerima pesan teks') ?? false);
    expect(reply.to).toBe(waId);
    expect(await rt.ctx.db.message.count({ where: { channel: 'whatsapp', kind: 'unsupported' } })).toBe(1);
  });
});
