import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransition } from '../../src/app/transitions.js';
import { startOfDay, wholeDays } from '../../src/http/public/stats-privacy.js';
import type { Runtime } from '../../src/runtime.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { shutDown } from '../support/teardown.js';
import { fileWebComplaint, startRuntimeOnFreshDatabase } from '../support/web-form.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);

describe.each(providers)('public statistics on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    ({ database, rt } = await startRuntimeOnFreshDatabase(provider));
  });
  afterAll(() => shutDown(rt, database));

  const file = (text: string, privacy?: string) => fileWebComplaint(rt.url, text, privacy);
  const stats = async (query = '') => {
    const res = await fetch(`${rt.url}/api/public/stats${query}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('counts per status, agency and channel, withholding every cell of 1 to 4', async () => {
    const roads = [];
    for (const place of ['Bagendung', 'Ciwedus', 'Jombang', 'Kedaleman', 'Ketileng']) {
      roads.push(await file(`Jalan berlubang besar di depan SDN 2 ${place}, sudah dua bulan belum diperbaiki`));
    }
    const rubbish = await file('Sampah menumpuk di TPS Kebondalem tidak diangkut seminggu');
    await file('Rahasia: pungli di kantor kelurahan untuk surat pengantar', 'rahasia');
    for (const id of roads) {
      await applyTransition(rt.ctx, { trackingId: id, action: 'verify', actor: 'admin' });
      await applyTransition(rt.ctx, { trackingId: id, action: 'forward', agency: 'DPUTR', actor: 'admin' });
    }
    await applyTransition(rt.ctx, { trackingId: rubbish, action: 'forward', agency: 'DLH', actor: 'admin' });

    const { status, body } = await stats();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      minimumCount: 5,
      total: 7,
      byStatus: { received: null, forwarded: 6 },
      byAgency: expect.arrayContaining([
        { code: 'DPUTR', name: 'Dinas Pekerjaan Umum dan Tata Ruang', count: 5 },
        { code: 'DLH', name: 'Dinas Lingkungan Hidup', count: null },
      ]),
      byChannel: { web: 7 },
      verification: { done: 5, late: 0, overdueNow: 0 },
      followUp: { done: 0, late: 0, overdueNow: 0 },
    });
    const raw = JSON.stringify(body);
    for (const secret of ['pungli', 'Bagendung', 'Kebondalem']) expect(raw).not.toContain(secret);
  });

  it('widens a millisecond-wide window to whole days, so it cannot isolate one complaint', async () => {
    const one = await rt.ctx.db.complaint.findFirstOrThrow({ where: { privacy: 'rahasia' } });
    const t = one.createdAt.getTime();
    const narrow = await stats(`?from=${new Date(t).toISOString()}&to=${new Date(t + 1).toISOString()}`);
    expect(narrow.status).toBe(200);
    expect(narrow.body.total).not.toBe(1);
    const day = startOfDay(one.createdAt, 'Asia/Jakarta');
    expect(narrow.body.period).toEqual({
      from: day.toISOString(),
      to: new Date(day.getTime() + 86_400_000).toISOString(),
    });
    expect(narrow.body.total).toBe((await stats()).body.total);
  });

  it('takes whole days in the city time zone, and refuses a date it cannot read', async () => {
    const tz = 'Asia/Jakarta';
    expect(startOfDay(new Date('2026-11-28T16:59:59.999Z'), tz).toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(startOfDay(new Date('2026-11-28T17:00:00.000Z'), tz).toISOString()).toBe('2026-11-28T17:00:00.000Z');
    const w = wholeDays(new Date('2026-11-28T05:00:00Z'), new Date('2026-11-28T05:00:00.001Z'), tz);
    expect([w.from?.toISOString(), w.to?.toISOString()]).toEqual([
      '2026-11-27T17:00:00.000Z',
      '2026-11-28T17:00:00.000Z',
    ]);
    const aligned = wholeDays(undefined, new Date('2026-11-27T17:00:00Z'), tz);
    expect(aligned.to?.toISOString()).toBe('2026-11-27T17:00:00.000Z');

    const future = await stats('?from=2099-01-01');
    expect(future.body.total).toBe(0);
    const bad = await stats('?from=kemarin');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
