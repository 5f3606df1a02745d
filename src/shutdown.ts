// Graceful stop of one instance, in the order that loses nothing and sends nothing twice when several
// instances share the database: turn unready, stop the cron ticks, close the HTTP listener (requests under way
// finish), let the outbox finish the send under way (its unstarted claims go back at once for another
// instance), stop the channels (pollers, the WhatsApp Web browser), close the database. Bounded by a timeout.
import type { Logger } from './logger.js';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
}

/**
 * Runs the steps in order; a step that fails is logged and the next still runs. Resolves true when all ran
 * within `timeoutMs`, false when the timeout came first (the caller then exits anyway: whatever is still
 * claimed is picked up by another instance when its lease ends).
 */
export async function runShutdown(steps: ShutdownStep[], timeoutMs: number, logger: Logger): Promise<boolean> {
  const started = Date.now();
  let current = '';
  /** Milliseconds each step took, logged so an operator sees what a slow stop waited for. */
  const took: Record<string, number> = {};
  const all = (async () => {
    for (const step of steps) {
      current = step.name;
      const t = Date.now();
      await step.run().catch((err: unknown) => logger.error({ err, step: step.name }, 'shutdown step failed'));
      took[step.name] = Date.now() - t;
    }
    return true;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const clean = await Promise.race([all, timeout]);
  clearTimeout(timer);
  if (clean) logger.info({ ms: Date.now() - started, took }, 'stopped gracefully');
  else logger.warn({ timeoutMs, step: current, took }, 'graceful stop timed out; exiting anyway');
  return clean;
}
