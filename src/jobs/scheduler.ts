// Scheduled jobs (node-cron). Ticks are thin: they only claim work from tables, so running the same
// schedule on several instances is safe (the outbox claim and the message state are the coordination).
import cron from 'node-cron';

type ScheduledTask = ReturnType<typeof cron.schedule>;

import type { Logger } from '../logger.js';

export interface Job {
  name: string;
  schedule: string;
  run: () => Promise<unknown>;
}

/** Starts every job; returns a stop function. Overlapping runs of one job are skipped, not queued. */
export function startJobs(jobs: Job[], logger: Logger, timezone: string): () => Promise<void> {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await job.run();
        } catch (err) {
          logger.error({ err, job: job.name }, 'job failed');
        }
      },
      { name: job.name, noOverlap: true, timezone },
    ),
  );
  return async () => {
    for (const t of tasks) await t.destroy();
  };
}

/** Throws a clear error when a cron expression is invalid (checked at start-up). */
export function assertValidSchedule(name: string, schedule: string) {
  if (!cron.validate(schedule)) throw new Error(`${name}: invalid cron expression "${schedule}"`);
}
