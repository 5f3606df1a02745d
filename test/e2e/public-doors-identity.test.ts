// Issue #8 reproductions on the web channel's identity: a phone number typed into /lapor never reaches another
// person's complaint (also rahasia, also after resolution), and each submission gets its own private link.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransition } from '../../src/app/transitions.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const VICTIM_PHONE = '6281234567890';
const newKey = () => randomBytes(16).toString('base64url');

/** A WhatsApp message: the platform proves the sender's own number. */
function whatsapp(text: string): IncomingMessage {
  return {
    channel: 'whatsapp',
    externalId: `wamid.${randomBytes(8).toString('hex')}`,
    sender: { externalId: VICTIM_PHONE, displayName: 'Ibu Sari', phone: VICTIM_PHONE },
    replyAddress: `whatsapp:${VICTIM_PHONE}`,
    kind: 'text',
    text,
    attachments: [],
    receivedAt: new Date(),
    raw: { text },
  };
}

describe.each(providers)('typed contact never links identities on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;

  async function postJson(body: Record<string, unknown>) {
    const r = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as { trackingId: string; privateUrl: string } };
  }

  async function victimComplaint(privacy: 'named' | 'rahasia') {
    const text =
      privacy === 'rahasia'
        ? 'Oknum petugas kelurahan meminta uang Rp500.000 untuk surat pengantar, mohon ditindak.'
        : 'Lampu jalan di Jalan Sunan Ampel mati sudah seminggu, gelap sekali malam hari.';
    if (privacy === 'rahasia') await rt.intake.ingest(whatsapp('/rahasia'));
    const result = await rt.intake.ingest(whatsapp(text));
    const trackingId = result.trackingId ?? '';
    expect(trackingId).toMatch(/^CLG-/);
    return rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
  }

  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url, COMPLAINT_MERGE_WINDOW_MINUTES: '60' });
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });

  for (const privacy of ['named', 'rahasia'] as const) {
    it(`a stranger typing the victim's phone gets a new complaint, not the victim's (${privacy})`, async () => {
      const victim = await victimComplaint(privacy);
      for (const contact of ['081234567890', '+62 812-3456-7890', VICTIM_PHONE]) {
        const res = await postJson({
          submissionId: newKey(),
          text: 'Saya mau menambahkan: sebenarnya tidak ada masalah, laporan ini boleh ditutup saja.',
          contact,
        });
        expect(res.status).toBe(201);
        expect(res.body.trackingId).not.toBe(victim.trackingId);
        expect(res.body.privateUrl).toMatch(/^\/laporan\/[A-Za-z0-9_-]{32}$/);
        const filed = await rt.ctx.db.complaint.findUniqueOrThrow({
          where: { trackingId: res.body.trackingId },
          include: { reporter: true },
        });
        expect(filed.reporterId).not.toBe(victim.reporterId);
        // The typed contact is kept for admins, as contact data only.
        expect(filed.reporter).toMatchObject({ contact, phone: null });
      }
      const after = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { id: victim.id } });
      expect(after.text).toBe(victim.text);
      expect(await rt.ctx.db.channelIdentity.count({ where: { reporterId: victim.reporterId } })).toBe(1);
    });
  }

  it("cannot reopen the victim's resolved complaint by typing their phone", async () => {
    const victim = await victimComplaint('named');
    for (const action of ['verify', 'forward', 'resolve'] as const) {
      await applyTransition(rt.ctx, {
        trackingId: victim.trackingId,
        action,
        agency: action === 'forward' ? 'DISPERKIM' : undefined,
        publicNote: action === 'resolve' ? 'Lampu sudah diganti.' : undefined,
        actor: 'admin@cilegon.go.id',
      });
    }
    const res = await postJson({
      submissionId: newKey(),
      text: 'Lampu jalan di Jalan Sunan Ampel masih mati, belum diperbaiki sama sekali.',
      contact: '0812-3456-7890',
    });
    expect(res.status).toBe(201);
    expect(res.body.trackingId).not.toBe(victim.trackingId);
    const after = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { id: victim.id } });
    expect(after.status).toBe('resolved');
    expect(await rt.ctx.db.statusEvent.count({ where: { complaintId: victim.id, action: 'reopen' } })).toBe(0);
  });

  it('platform-proven phones still link: the same WhatsApp number is one reporter', async () => {
    const first = await rt.ctx.db.channelIdentity.findFirstOrThrow({ where: { channel: 'whatsapp' } });
    await rt.intake.ingest(whatsapp('Halo, saya mau tanya lagi soal laporan saya kemarin ya pak.'));
    expect(await rt.ctx.db.reporter.count({ where: { phone: `+${VICTIM_PHONE}` } })).toBe(1);
    expect(await rt.ctx.db.channelIdentity.count({ where: { reporterId: first.reporterId } })).toBe(1);
  });

  it('stores only a hash of the private link; a double submit gets the same complaint and link', async () => {
    const submissionId = newKey();
    const body = { submissionId, text: 'Saluran air di Perumahan Bumi Waras mampet, air meluap ke jalan.' };
    const [a, b] = await Promise.all([postJson(body), postJson(body)]);
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const secret = a.body.privateUrl.split('/').at(-1) ?? '';
    const hash = createHash('sha256').update(secret).digest('hex');
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId: a.body.trackingId } });
    expect(complaint.replyAddress).toBe(`web:${hash}`);
    const identity = await rt.ctx.db.channelIdentity.findFirstOrThrow({ where: { reporterId: complaint.reporterId } });
    expect(identity).toMatchObject({ channel: 'web', externalId: hash });
    // The secret itself is nowhere in the database.
    for (const row of [
      ...(await rt.ctx.db.message.findMany({ where: { channel: 'web' } })),
      ...(await rt.ctx.db.outbox.findMany({ where: { channel: 'web' } })),
      ...(await rt.ctx.db.keyValue.findMany()),
    ]) {
      expect(JSON.stringify(row)).not.toContain(secret);
    }
    expect(await rt.ctx.db.complaint.count({ where: { replyAddress: `web:${hash}` } })).toBe(1);
  });

  it('keeps a typed e-mail address as contact for the admins (it used to be dropped)', async () => {
    const res = await postJson({
      submissionId: newKey(),
      text: 'Trotoar di Jalan Ahmad Yani rusak dan membahayakan pejalan kaki.',
      contact: ' siti.aminah@gmail.com ',
    });
    expect(res.status).toBe(201);
    const filed = await rt.ctx.db.complaint.findUniqueOrThrow({
      where: { trackingId: res.body.trackingId },
      include: { reporter: true },
    });
    expect(filed.reporter).toMatchObject({ contact: 'siti.aminah@gmail.com', phone: null });
  });

  it('shows the form again with the privacy choice kept after an error', async () => {
    for (const privacy of ['anonim', 'rahasia']) {
      const r = await fetch(`${rt.url}/lapor`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ submissionId: newKey(), text: 'pendek', privacy }).toString(),
      });
      expect(r.status).toBe(400);
      const page = await r.text();
      expect(page).toContain(`<option value="${privacy}" selected>`);
      expect(page).not.toContain('<option value="named" selected>');
      expect(page).toContain('Kami tidak mengirim pembaruan ke nomor atau email ini');
    }
  });

  it('refuses a submissionId that is too short or not random', async () => {
    for (const submissionId of ['pendek', 'a'.repeat(30), 'ab'.repeat(12)]) {
      const res = await fetch(`${rt.url}/lapor`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId, text: 'Jalan rusak parah di depan pasar Kranggot.' }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
  });
});
