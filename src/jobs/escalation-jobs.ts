// The escalation jobs: reminders when clocks cross 50/80/100 percent, the daily digest, and the automatic
// closing of followed-up complaints the reporter does not answer. Every instance may run them: the Reminder
// unique key, the outbox dedupe keys and a row lock per closing keep each effect single.
import { runAutoClose } from '../app/auto-close.js';
import type { AppContext } from '../app/context.js';
import { runDigest } from '../app/digest.js';
import { runEscalation } from '../app/escalation.js';
import { purgeLinkLeftovers } from '../app/officer-link-code.js';
import type { Config } from '../config/config.js';
import { assertValidSchedule, type Job } from './scheduler.js';

/** The three jobs with their schedules (node-cron runs them in the city's time zone). */
export function escalationJobs(ctx: AppContext, settings: Config['escalation']): Job[] {
  assertValidSchedule('ESCALATION_CRON', settings.cron);
  return [
    {
      name: 'escalation-reminders',
      schedule: settings.cron,
      run: async () => {
        const reminders = await runEscalation(ctx);
        const closing = await runAutoClose(ctx, settings.autoClose);
        await purgeLinkLeftovers(ctx.db, ctx.now());
        if (reminders.created + closing.warned + closing.closed > 0) {
          ctx.logger.info({ ...reminders, ...closing }, 'escalation: reminders and closings');
        }
      },
    },
    {
      name: 'daily-digest',
      // Minute 3: away from the top of the hour other jobs favour.
      schedule: `3 ${settings.digestHour} * * *`,
      run: async () => {
        const queued = await runDigest(ctx);
        ctx.logger.info({ queued }, 'daily digest queued');
      },
    },
  ];
}
