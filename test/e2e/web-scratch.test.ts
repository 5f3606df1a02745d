import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

describe.each(['sqlite', 'postgresql'] as const)('scratch %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  beforeAll(async () => {
    let t = Date.now();
    database = await freshDatabase(provider);
    console.log('db', Date.now() - t); t = Date.now();
    rt = await startTestRuntime({ DATABASE_URL: database.url });
    console.log('rt', Date.now() - t);
  });
  afterAll(async () => {
    const t = Date.now();
    await rt?.stop();
    await database?.drop();
    console.log('stop', Date.now() - t);
  });
  it('concurrent', async () => {
    const results: number[] = [];
    for (let i = 0; i < 15; i++) {
      const fields = { submissionId: `dbl-click-${i}-xyzxyz`, text: 'Lampu PJU di Jalan Ahmad Yani mati total sejak seminggu.' };
      const post = () => fetch(`${rt.url}/lapor`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }).then(async (r) => { await r.text(); return r.status; });
      const rs = await Promise.all([post(), post(), post()]);
      results.push(...rs);
    }
    console.log(results.join(','));
  });
});
