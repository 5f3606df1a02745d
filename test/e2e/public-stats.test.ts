// Public statistics: counts and clock figures, never a complaint's text or reporter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { sqliteDatabase } from '../support/databases.js';
import { adminClient, startTestRuntime } from '../support/runtime.js';

describe('public statistics', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await startTestRuntime({ DATABASE_URL: sqliteDatabase().url });
  });
  afterAll(async () => rt?.stop());

  const file = async (text: string, privacy = 'named') => {
    const res = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: `stat-${Math.random().toString(36).slice(2, 12)}`, text, privacy }),
    });
    return ((await res.json()) as { trackingId: string }).trackingId;
  };

  it('counts per status, agency and channel, and how the clocks were kept', async () => {
    const a = await file('Jalan berlubang besar di depan SDN 2 Bagendung, sudah dua bulan');
    await file('Sampah menumpuk di TPS Kebondalem tidak diangkut seminggu');
    await file('Rahasia: pungli di kantor kelurahan untuk surat pengantar', 'rahasia');
    const api = await adminClient(rt.url);
    await api('POST', `/api/complaints/${a}/transitions`, { action: 'verify' });
    await api('POST', `/api/complaints/${a}/transitions`, { action: 'forward', agency: 'DPUTR' });

    const res = await fetch(`${rt.url}/api/public/stats`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      total: 3,
      byStatus: { received: 2, forwarded: 1 },
      byAgency: [{ code: 'DPUTR', name: 'Dinas Pekerjaan Umum dan Tata Ruang', count: 1 }],
      byChannel: { web: 3 },
      verification: { done: 1, late: 0, overdueNow: 0 },
      followUp: { done: 0, late: 0, overdueNow: 0 },
    });
    const raw = JSON.stringify(body);
    for (const secret of ['pungli', 'Bagendung', 'Kebondalem']) expect(raw).not.toContain(secret);

    const future = await fetch(`${rt.url}/api/public/stats?from=2099-01-01`);
    expect(((await future.json()) as { total: number }).total).toBe(0);
    const bad = await fetch(`${rt.url}/api/public/stats?from=kemarin`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
