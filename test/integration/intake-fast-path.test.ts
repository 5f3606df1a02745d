// Intake's fast path (src/app/intake/fast-path.ts) against the full pipeline it shortcuts: the same
// conversations, replayed with and without it on fresh databases, must leave the same rows behind (ids,
// tracking IDs and wall-clock stamps aside). Every case the full pipeline knows is in the script, so a step
// added there without teaching the fast path shows up here as a difference or in the step list check.
import { afterAll, describe, expect, it } from 'vitest';
import { FAST_PATH_KNOWS } from '../../src/app/intake/fast-path.js';
import { STEPS } from '../../src/app/intake/steps.js';
import { createIntake } from '../../src/app/intake.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { createTestContext, type TestContext, textMessage } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const START = new Date('2026-11-30T02:00:00Z');

type Event = { at: number; msg: IncomingMessage } | { at: number; act: (t: TestContext) => Promise<unknown> };

const tg = (sender: string, text: string, extra: Partial<IncomingMessage> = {}) =>
  textMessage(sender, text, {
    externalId: `${sender}-${text.length}-${extra.kind ?? 'text'}-${extra.receivedAt?.getTime() ?? 0}`,
    ...extra,
  });

/** One script of conversations covering every case of the full pipeline. Minutes from START. */
function script(): Event[] {
  const m = (min: number) => new Date(START.getTime() + min * 60_000);
  const at = (min: number, msg: IncomingMessage): Event => ({ at: min, msg: { ...msg, receivedAt: m(min) } });
  const act = (min: number, fn: (t: TestContext) => Promise<unknown>): Event => ({ at: min, act: fn });
  const photo = {
    kind: 'photo' as const,
    attachments: [{ kind: 'photo' as const, platformFileId: 'F1', mimeType: 'image/jpeg', sizeBytes: 2048 }],
  };
  return [
    act(0, (t) =>
      t.ctx.db.webhookSubscriber.create({
        data: { name: 'SIM', url: 'http://127.0.0.1:9/h', secret: 's', events: 'complaint.created' },
      }),
    ),
    at(1, tg('a', 'Jalan di depan SDN 3 Jombang berlubang besar sudah dua bulan, mohon segera diperbaiki')),
    at(2, tg('a', 'ini fotonya', photo)),
    at(3, tg('a', '', { kind: 'location', location: { latitude: -6.01, longitude: 106.05 } })),
    at(4, tg('b', 'terima kasih min')),
    at(
      5,
      tg('w', 'Saluran air tersumbat di Perumahan Bumi Waringin sejak seminggu', {
        channel: 'web',
        replyAddress: 'web:w',
        explicit: true,
        privacy: 'rahasia',
        contact: '0812 1111 2222',
        sender: { externalId: 'w', phone: '081211112222' },
      }),
    ),
    at(
      6,
      tg('x1', '@pemkot lampu jalan mati di jl ahmad yani sudah seminggu', {
        channel: 'x',
        replyAddress: 'x:tweet:1',
        public: true,
      }),
    ),
    at(7, tg('c', 'tolong ada kebakaran rumah di jl sudirman, api besar, ada orang terjebak')),
    at(8, tg('c', '/start')),
    at(9, tg('c', 'status CLG-261130-AAAA')),
    at(10, tg('c', 'anonim')),
    at(11, tg('d', 'stiker', { kind: 'unsupported' })),
    at(12, tg('d', '   ')),
    at(
      13,
      tg('wa1', 'Sampah menumpuk di TPS Kebondalem tidak diangkut tiga hari', {
        channel: 'whatsapp',
        replyAddress: 'whatsapp:62811',
        sender: { externalId: 'wa1', phone: '+62811000111' },
      }),
    ),
    at(
      13.5,
      tg('wa2', 'Lampu taman di alun-alun mati semua sejak kemarin malam', {
        channel: 'whatsapp',
        replyAddress: 'whatsapp:62811b',
        sender: { externalId: 'wa2', phone: '0811000111' },
      }),
    ),
    at(14, tg('e', 'Pelayanan KTP-el di kecamatan lama sekali, sudah tiga bulan belum jadi')),
    act(15, (t) =>
      t.ctx.db.complaint.updateMany({
        where: { reporter: { identities: { some: { externalId: 'e' } } } },
        data: { status: 'resolved', resolvedAt: new Date(START.getTime() + 15 * 60_000) },
      }),
    ),
    at(20, tg('e', 'kok sudah selesai, belum ada yang datang')),
    at(30, tg('f', 'Pohon tumbang menutup jalan di Jl. Merdeka dekat pasar')),
    act(31, (t) =>
      t.ctx.db.complaint.updateMany({
        where: { reporter: { identities: { some: { externalId: 'f' } } } },
        data: { status: 'resolved', resolvedAt: new Date(START.getTime() + 31 * 60_000) },
      }),
    ),
    at(40, tg('k', 'Saluran air di Jl. Kartini meluap setiap hujan, air masuk ke rumah warga')),
    act(41, async (t) => {
      const where = { reporter: { identities: { some: { externalId: 'k' } } } };
      const c = await t.ctx.db.complaint.findFirstOrThrow({ where });
      await t.ctx.db.complaint.update({ where: { id: c.id }, data: { status: 'in_progress' } });
      await t.ctx.db.complaintNote.create({
        data: { complaintId: c.id, authorName: 'DPUPR', visibility: 'public', body: 'Mohon kirim foto lokasinya.' },
      });
    }),
    at(
      60 * 24,
      tg('k', 'Ini fotonya pak, di depan rumah nomor 12', {
        kind: 'photo',
        attachments: [{ kind: 'photo', platformFileId: 'K1' }],
      }),
    ),
    at(60 * 24 + 1, tg('k', 'tolong ada kecelakaan di jl kartini, motor tertabrak, korban tidak sadarkan diri')),
    at(60 * 24 * 30, tg('f', 'Ada pohon tumbang lagi di Jl. Merdeka, menghalangi jalan')),
    at(60 * 24 * 30 + 200, tg('a', 'Lubang di depan SDN 3 Jombang makin besar')),
    act(60 * 24 * 30 + 201, (t) =>
      t.ctx.db.reporter.updateMany({ where: { identities: { some: { externalId: 'b' } } }, data: { blocked: true } }),
    ),
    at(60 * 24 * 30 + 202, tg('b', 'Jalan rusak di Jl. Kartini')),
    ...[0, 1, 2, 3, 4, 5, 6].map((i) => ({
      at: 60 * 24 * 31,
      msg: {
        ...tg('g', `Drainase mampet di gang ${i} RT 0${i}`),
        externalId: `g-flood-${i}`,
        receivedAt: new Date(m(60 * 24 * 31).getTime() + i * 1000),
      },
    })),
    at(
      60 * 24 * 32,
      tg('h', 'Kami warga RT 03 mengeluhkan jalan rusak', {
        conversation: { type: 'group', id: 'G1', addressed: true },
      }),
    ),
  ];
}

async function replay(provider: (typeof providers)[number], fastPath: boolean) {
  const t = await createTestContext(provider);
  const intake = createIntake(t.ctx, undefined, { fastPath });
  for (const e of script()) {
    t.clock.now = new Date(START.getTime() + e.at * 60_000 + 500);
    if ('act' in e) await e.act(t);
    else await intake.ingest(e.msg);
  }
  return { t, paths: { ...intake.paths }, rows: await snapshot(t) };
}

/** Every row intake writes, with ids, tracking IDs and wall-clock stamps replaced by stable names. */
async function snapshot(t: TestContext) {
  const db = t.ctx.db;
  const complaints = await db.complaint.findMany({
    orderBy: { createdAt: 'asc' },
    include: { reporter: { include: { identities: true } } },
  });
  const reporters = await db.reporter.findMany({ include: { identities: true } });
  const reporterName = new Map(
    reporters.map((r) => [
      r.id,
      r.identities
        .map((i) => `${i.channel}:${i.externalId}`)
        .sort()
        .join('+'),
    ]),
  );
  const complaintName = new Map(complaints.map((c, i) => [c.id, `complaint${i}`]));
  const tracking = new Map(complaints.map((c, i) => [c.trackingId, `TRACK${i}`]));
  const scrub = (s: string | null) => {
    let out = s ?? '';
    for (const [id, name] of tracking) out = out.replaceAll(id, name);
    for (const [id, name] of complaintName) out = out.replaceAll(id, name);
    for (const [id, name] of reporterName) out = out.replaceAll(id, name);
    return out.replace(/"id":"[^"]+"/g, '"id":"<event>"');
  };
  const messages = await db.message.findMany({ orderBy: { externalId: 'asc' } });
  const outbox = await db.outbox.findMany();
  const events = await db.statusEvent.findMany({ orderBy: { action: 'asc' } });
  const attachments = await db.attachment.findMany();
  const deliveries = await db.webhookDelivery.findMany();
  const byText = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    complaints: complaints.map(({ id, trackingId, updatedAt, reporter, reporterId, ...c }) => ({
      ...c,
      name: complaintName.get(id),
      reporter: reporterName.get(reporterId),
    })),
    reporters: byText(
      reporters.map(({ id, createdAt, updatedAt, identities, ...r }) => ({
        ...r,
        name: reporterName.get(id),
        identities: identities.map(({ id: _, reporterId: __, createdAt: ___, ...i }) => i),
      })),
    ),
    messages: messages.map(({ id, payload, reporterId, complaintId, ...m }) => ({
      ...m,
      reporter: reporterName.get(reporterId ?? ''),
      complaint: complaintName.get(complaintId ?? ''),
    })),
    outbox: byText(
      outbox.map(({ id, createdAt, nextAttemptAt, complaintId, dedupeKey, ...o }) => ({
        ...o,
        text: scrub(o.text),
        dedupeKey: scrub(dedupeKey).replace(/reply:\w+/, 'reply'),
        complaint: complaintName.get(complaintId ?? ''),
      })),
    ),
    events: byText(
      events.map(({ id, createdAt, complaintId, ...e }) => ({ ...e, complaint: complaintName.get(complaintId) })),
    ),
    attachments: byText(
      attachments.map(({ id, createdAt, complaintId, messageId, ...a }) => ({
        ...a,
        complaint: complaintName.get(complaintId),
      })),
    ),
    deliveries: byText(
      deliveries.map(({ id, eventId, subscriberId, createdAt, payload, ...d }) => ({ ...d, payload: scrub(payload) })),
    ),
  };
}

describe.each(providers)('intake fast path on %s', (provider) => {
  const open: TestContext[] = [];
  afterAll(async () => {
    for (const t of open) await t.close();
  });

  it('knows every step of the full pipeline', () => {
    expect(STEPS.map((s) => s.name)).toEqual(FAST_PATH_KNOWS);
  });

  it('writes exactly what the full pipeline writes, for every case in the script', async () => {
    const fast = await replay(provider, true);
    const full = await replay(provider, false);
    open.push(fast.t, full.t);
    // The script exercises both paths: the common cases take the fast one.
    expect(fast.paths.fast).toBeGreaterThanOrEqual(14);
    expect(fast.paths.full).toBeGreaterThanOrEqual(7);
    expect(full.paths.fast).toBe(0);
    expect(fast.rows.complaints.length).toBeGreaterThanOrEqual(8);
    expect(fast.rows.deliveries.length).toBe(fast.rows.complaints.length);
    expect(fast.rows).toEqual(full.rows);
  });
});
