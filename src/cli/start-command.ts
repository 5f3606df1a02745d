// `kanal-aduan start`: the only command that loads the classifier, every channel SDK and the HTTP server.
import { createReloadingClassifier } from '../classifier/index.js';
import type { Config } from '../config/config.js';
import { createLogger } from '../logger.js';
import { startRuntime } from '../runtime.js';

/** Runs the product until SIGINT or SIGTERM; returns the exit code. */
export async function startCommand(config: Config): Promise<number> {
  // One logger for the process: the model reloader reports through it instead of plain text on stderr.
  const logger = createLogger(config.logLevel);
  const classifier = createReloadingClassifier({
    dir: config.classifier.modelDir,
    threshold: config.classifier.threshold,
    checkIntervalMs: 10_000,
    log: (message) => logger.warn({ component: 'classifier' }, message),
  });
  const runtime = await startRuntime(config, { classifier, logger });
  process.stderr.write(`kanal-aduan is running: ${runtime.url}/lapor (admin API under /api)\n`);
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await runtime.stop();
  return 0;
}
