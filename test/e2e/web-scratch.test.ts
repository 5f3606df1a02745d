import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

describe.each(['sqlite'] as const)('scratch %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    rt = await startTestRuntime({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await rt?.stop();
    await database?.drop();
  });
  it('probe', async () => {
    const post = async (text: string, ct = 'application/x-www-form-urlencoded', raw?: string) => {
      const r = await fetch(`${rt.url}/lapor`, { method: 'POST', redirect: 'manual', headers: { 'content-type': ct }, body: raw ?? new URLSearchParams({ submissionId: 'probe' + Math.random().toString(36).slice(2), text }).toString() });
      const t = await r.text();
      console.log(JSON.stringify(text.slice(0, 40)), r.status, r.headers.get('location'), r.headers.get('content-type'), t.slice(0, 300).replace(/<style>.*<\/style>/s, ''));
    };
    await post('x', 'application/x-www-form-urlencoded', 'submissionId=abcdefghijk&text=Jalan+rusak+parah+sekali&text=lagi');
    await post('x', 'application/x-www-form-urlencoded', 'submissionId=abcdefghijk&text=Jalan+rusak+parah+sekali&name=a&name=b');
    await post('x', 'text/plain', 'halo');
    await post('x', 'application/x-www-form-urlencoded', 'submissionId=abcdefghijk&text=%E0%A4%A&privacy=bogus');
    for (const u of ['/lacak?id=a&id=b', '/lacak?id=CLG-261128-ABCD&id=x', '/api/complaints?limit=abc', '/lacak/%ZZ', '/api/public/complaints/%ZZ']) {
      const r = await fetch(rt.url + u, { redirect: 'manual' });
      console.log(u, r.status, r.headers.get('location'), (await r.text()).slice(0, 150));
    }
    console.log(await rt.ctx.db.message.findMany({ select: { text: true, state: true, complaintId: true } }));
  });
});
