// The product as it runs in production, for bench:http: the built server (dist/, as `npm start` runs it) in its
// own plain Node process with no TypeScript loader, configured from the environment the bench hands it, so the
// load generator and the fake platforms (in the parent) do not share its CPU and its memory is the product's.
// Talks to the parent over IPC: sends { url } when listening; answers 'settle' (once intake has processed
// everything accepted) with how long that took, its CPU time and RSS so far, and 'finish' with complaints made
// and RSS before and after a full garbage collection, then stops.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadClassifier } from '../../dist/src/classifier/index.js';
import { loadConfig } from '../../dist/src/config/config.js';
import { createLogger } from '../../dist/src/logger.js';
import { startRuntime } from '../../dist/src/runtime.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc');
const mib = () => process.memoryUsage().rss / 1048576;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const send = (message) => process.send?.(message);
const config = loadConfig(process.env);
const rt = await startRuntime(config, {
  classifier: loadClassifier({ dir: config.classifier.modelDir, threshold: config.classifier.threshold }),
  logger: createLogger('error'),
  jobs: false,
});
process.on('message', async (message) => {
  if (message === 'settle') {
    const t0 = performance.now();
    await rt.intake.settle();
    send({ settleMs: performance.now() - t0, cpuMs: cpuMs(), rssMiB: mib() });
  }
  if (message !== 'finish') return;
  const rssMiB = mib();
  gc();
  const { heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const after = { rssAfterGcMiB: mib(), heapTotal, heapUsed, external, arrayBuffers };
  send({ complaints: await rt.ctx.db.complaint.count(), rssMiB, ...after });
  await rt.stop();
  process.disconnect();
});
send({ url: rt.url });
