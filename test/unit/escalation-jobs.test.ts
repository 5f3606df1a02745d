// The escalation jobs' schedules come from the settings, and a bad cron expression stops the start clearly.
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { loadConfig } from '../../src/config/config.js';
import { escalationJobs } from '../../src/jobs/escalation-jobs.js';

// The jobs are only built here, never run: no database is touched.
const ctx = {} as AppContext;

describe('escalation jobs', () => {
  it('runs reminders on ESCALATION_CRON and the digest at DIGEST_HOUR', () => {
    const config = loadConfig({ ESCALATION_CRON: '*/10 * * * *', DIGEST_HOUR: '6' });
    const jobs = escalationJobs(ctx, config.escalation);
    expect(jobs.map((j) => [j.name, j.schedule])).toEqual([
      ['escalation-reminders', '*/10 * * * *'],
      ['daily-digest', '3 6 * * *'],
    ]);
  });

  it('reads the defaults and refuses bad values', () => {
    expect(loadConfig({}).escalation).toEqual({
      cron: '*/5 * * * *',
      digestHour: 7,
      autoClose: { afterWorkingDays: 10, warnWorkingDays: 3 },
      linkCodeTtlMinutes: 15,
    });
    expect(() => loadConfig({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/);
    const bad = loadConfig({ ESCALATION_CRON: 'every five minutes' });
    expect(() => escalationJobs(ctx, bad.escalation)).toThrow(/ESCALATION_CRON: invalid cron expression/);
  });
});
