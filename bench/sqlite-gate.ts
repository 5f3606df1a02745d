// What the SQLite gate (src/db/sqlite-gate.ts) costs: the same mix of statements outside and inside
// transactions, 8 callers at once, through the adapter with and without the gate, three rounds interleaved.
// Usage: npm run bench:gate
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { migrate } from '../src/db/migrate.js';
import { gatedSqlite } from '../src/db/sqlite-gate.js';
import { PrismaClient } from '../src/generated/sqlite/client.js';

async function run(label: string, gated: boolean) {
  const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), 'gate-')), 'b.db')}`;
  const f = new PrismaBetterSQLite3({ url });
  const db = new PrismaClient({ adapter: gated ? gatedSqlite(f) : f });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await migrate({ db: db as never, provider: 'sqlite', close: async () => {} });
  const N = 3000;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let i = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (i < N) {
        const k = i++;
        await db.keyValue.create({ data: { key: `o${k}`, value: 'x' } });
        await db.keyValue.findUnique({ where: { key: `o${k}` } });
        if (k % 4 === 0)
          await db.$transaction(async (tx) => {
            await tx.keyValue.create({ data: { key: `t${k}`, value: 'y' } });
            await tx.keyValue.update({ where: { key: `t${k}` }, data: { value: 'z' } });
          });
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  console.log(
    `${label}: ${(N / s).toFixed(0)} iterations/s (2 statements outside + 1/4 of a 2-statement transaction), CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms/iteration`,
  );
  await db.$disconnect();
}
for (let r = 0; r < 3; r++) {
  await run('ungated', false);
  await run('gated  ', true);
}
