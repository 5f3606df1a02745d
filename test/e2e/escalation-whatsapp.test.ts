// Linking over WhatsApp Cloud: an officer sends "TAUTKAN <code>" from their number through a real signed webhook;
// the number is linked (no reporter, no complaint), and a reminder days later reaches it through the fake Graph
// API, as a template since no customer-service window is open. SQLite (the Telegram test covers PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUser } from '../../src/app/auth.js';
import { runEscalation } from '../../src/app/escalation.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import type { FakeWhatsAppCloud, WaSentMessage, WaWebhook } from '../fakes/whatsapp-cloud.js';
import { sqliteDatabase, type TestDatabase } from '../support/databases.js';
import { adminClient, sessionCookie } from '../support/runtime.js';
import { shutDown } from '../support/teardown.js';
import { startWhatsAppCloudRuntime } from '../support/whatsapp-cloud-adapter.js';

const secrets = { appSecret: 'e2e-app-secret', accessToken: 'e2e-access-token' };
const OFFICER = { email: 'dlh@cilegon.go.id', password: 'petugas-dlh-12345', name: 'Sari Wulandari' };
const officerWa = '6281399990001';
const citizenWa = '6281311113333';

describe('linking a WhatsApp number on sqlite', () => {
  let fake: FakeWhatsAppCloud;
  let database: TestDatabase;
  let rt: Runtime;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    database = sqliteDatabase();
    const verifyToken = 'kanal-aduan-verify-escalation';
    ({ fake, rt } = await startWhatsAppCloudRuntime(database, secrets, verifyToken, {
      adapterNow: now,
      runtime: { now },
    }));
    await upsertUser(rt.ctx.db, { ...OFFICER, role: 'officer', agencyCode: 'DLH' });
  });
  afterAll(() => shutDown(rt, fake, database));

  const deliver = (payload: WaWebhook) => {
    const { rawBody, headers } = fake.signedWebhook(payload);
    return fetch(`${rt.url}/webhooks/whatsapp`, { method: 'POST', headers, body: rawBody });
  };
  /** What a sent message says, whether free text or the template's one parameter. */
  const says = (m: WaSentMessage) => m.text?.body ?? JSON.stringify(m.template ?? {});
  const sentTo = (to: string, words: string) => (m: WaSentMessage) => m.to === to && says(m).includes(words);

  it('links the officer number with the code, without a reporter or a complaint', async () => {
    const cookie = await sessionCookie(rt.http, OFFICER);
    const res = await fetch(`${rt.url}/api/me/link-code`, { method: 'POST', headers: { cookie } });
    const { code, channels } = (await res.json()) as { code: string; channels: string[] };
    expect(channels).toEqual(['whatsapp']);
    expect((await deliver(fake.textWebhook({ from: officerWa, body: `Tautkan ${code}` }))).status).toBe(200);
    const confirmed = await fake.waitForSent(sentTo(officerWa, 'sudah tertaut'));
    expect(says(confirmed)).toContain('Sari Wulandari');
    const link = await rt.ctx.db.officerChannel.findFirstOrThrow();
    expect(link.address).toBe(`whatsapp:${officerWa}`);
    expect(await rt.ctx.db.reporter.count()).toBe(0);
    expect(await rt.ctx.db.complaint.count()).toBe(0);
  });

  it('sends a reminder to the linked number days later', async () => {
    await deliver(
      fake.textWebhook({ from: citizenWa, body: 'sampah di TPS lingkungan ciwaduk tidak diangkut seminggu' }),
    );
    const ack = await fake.waitForSent(sentTo(citizenWa, 'sudah kami terima dengan nomor pelacakan'));
    const trackingId = findTrackingId(says(ack)) ?? '';
    const admin = await adminClient(rt.url);
    expect((await admin('POST', `/api/complaints/${trackingId}/transitions`, { action: 'verify' })).status).toBe(200);
    await admin('POST', `/api/complaints/${trackingId}/transitions`, { action: 'forward', agency: 'DLH' });
    offsetMs = 24 * 86_400_000 + 60_000;
    expect(await runEscalation(rt.ctx)).toEqual({ created: 2, queued: 1 });
    await rt.intake.settle();
    await rt.worker.drain();
    const reminder = await fake.waitForSent(sentTo(officerWa, 'Pengingat tindak lanjut'));
    expect(reminder.type).toBe('template');
    expect(says(reminder)).toContain('sudah berjalan 80%');
    expect(says(reminder)).toContain(trackingId);
  });
});
