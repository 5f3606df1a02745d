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
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'stopping');
  // A second signal means "now": the operator (or systemd's final kill) does not wait for the graceful stop.
  const force = () => process.exit(1);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  const clean = await runtime.stop();
  // Exit explicitly: a timed-out stop may leave sockets or timers that would otherwise keep the process alive.
  process.exit(clean ? 0 : 1);
}
