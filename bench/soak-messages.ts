// `bench:soak --messages N`: RSS of one process after N messages through the real intake (stored, classified,
// complaint opened, replies queued), in process like bench/intake.ts, on a fresh database. RSS is read every
// tenth of the run and after a full GC at the end, so a leak shows as growth that a GC does not give back.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createIntake } from '../src/app/intake.js';
import type { IncomingMessage } from '../src/channels/contract.js';
import { benchContext } from './support/context.js';
import { COMPLAINT_TEXTS as TEXTS } from './support/texts.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const mib = () => process.memoryUsage().rss / 1048576;

const message = (i: number, run: string): IncomingMessage => ({
  channel: i % 2 ? 'telegram' : 'whatsapp',
  externalId: `${run}-${i}`,
  sender: { externalId: `${run}-s${i}`, displayName: 'Warga' },
  replyAddress: i % 2 ? `telegram:${i}` : `whatsapp:62899${String(i).padStart(8, '0')}`,
  kind: 'text',
  text: `${TEXTS[i % TEXTS.length]} (${i})`,
  attachments: [],
  receivedAt: new Date(),
  raw: { i, text: TEXTS[i % TEXTS.length] },
});

/** Ingests `n` messages with `concurrency` in flight; prints RSS along the way and after GC. */
export async function runMessages(n: number, concurrency: number, databaseUrl?: string) {
  const url = databaseUrl ?? `file:${path.join(mkdtempSync(path.join(tmpdir(), 'kanal-soak-')), 'soak.db')}`;
  const { database, ctx } = await benchContext(url);
  const intake = createIntake(ctx);
  const run = randomUUID().slice(0, 8);
  // One message first, so the classifier's tables and the statements are loaded before the start figure.
  await intake.ingest(message(-1, run));
  gc();
  const startRss = mib();
  const startHeap = process.memoryUsage().heapUsed / 1048576;
  console.log(
    `${database.provider}: ${n} messages, ${concurrency} in flight; after GC at start: RSS ${startRss.toFixed(0)} MiB, ` +
      `heap used ${startHeap.toFixed(0)} MiB`,
  );
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  const step = Math.max(1, Math.floor(n / 10));
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await intake.ingest(message(i, run));
      if ((i + 1) % step === 0) {
        const s = (Date.now() - started) / 1000;
        console.log(
          `  ${String(i + 1).padStart(7)} messages  ${((i + 1) / s).toFixed(0)}/s  RSS ${mib().toFixed(0)} MiB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const beforeGc = mib();
  gc();
  const afterGc = mib();
  const complaints = (await database.db.complaint.count()) - 1;
  const heap = process.memoryUsage();
  console.log(
    `done: ${n} messages in ${seconds.toFixed(0)} s (${(n / seconds).toFixed(0)}/s, ` +
      `${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms CPU each), ${complaints} complaints\n` +
      `RSS: start ${startRss.toFixed(0)} MiB, end ${beforeGc.toFixed(0)} MiB, after GC ${afterGc.toFixed(0)} MiB ` +
      `(heap used ${(heap.heapUsed / 1048576).toFixed(0)} MiB, external ${(heap.external / 1048576).toFixed(0)} MiB)`,
  );
  await database.close();
}
