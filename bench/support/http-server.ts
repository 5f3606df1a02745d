// The product as it runs in production for bench:http: its own Node process, configured from the environment
// the bench hands it, so the load generator and the fake platforms (in the parent) do not share its CPU.
// Talks to the parent over IPC: sends { url } when listening; answers 'settle' (once intake has processed
// everything accepted) with how long that took and its CPU time so far, and 'finish' with complaints made and
// RSS, then stops.
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from '../../src/runtime.js';
import { realClassifier } from '../../test/support/runtime.js';

export type Settled = { settleMs: number; cpuMs: number };
export type ServerReport = { complaints: number; rssMiB: number };

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const send = (message: unknown) => process.send?.(message);
const rt = await startRuntime(loadConfig(process.env), {
  classifier: realClassifier(),
  logger: createLogger('error'),
  jobs: false,
});
process.on('message', async (message) => {
  if (message === 'settle') {
    const t0 = performance.now();
    await rt.intake.settle();
    send({ settleMs: performance.now() - t0, cpuMs: cpuMs() } satisfies Settled);
  }
  if (message !== 'finish') return;
  send({
    complaints: await rt.ctx.db.complaint.count(),
    rssMiB: process.memoryUsage().rss / 1048576,
  } satisfies ServerReport);
  await rt.stop();
  process.disconnect();
});
send({ url: rt.url });
