// What application services need, resolved once at start-up and passed down (no globals, no process.env).
import type { Classifier } from '../classifier/types.js';
import type { Config } from '../config/config.js';
import { loadHolidays } from '../config/holidays.js';
import type { Db } from '../db/client.js';
import type { WorkingCalendar } from '../domain/working-days.js';
import type { Logger } from '../logger.js';

export interface AppContext {
  db: Db;
  classifier: Classifier;
  logger: Logger;
  city: { code: string; name: string; timeZone: string };
  mergeWindowMs: number;
  reopenWindowMs: number;
  /** SLA clocks: working days to verify (with the city's calendar) and days for the agency to follow up. */
  sla: { verifyWorkingDays: number; followUpDays: number; calendar: WorkingCalendar };
  /** Rating after resolution (src/app/satisfaction.ts): answer window, low-rating flag, whether X DMs arrive. */
  satisfaction?: { windowMs: number; lowRatingMax: number; xDms: boolean };
  /** Outgoing webhooks (src/webhooks/): private targets allowed, attempts, request timeout. */
  webhooks?: { allowPrivateTargets: boolean; maxAttempts: number; timeoutMs: number };
  /** Called after replies were queued, so the outbox worker sends them now rather than at the next tick. */
  onOutboxWrite: () => void;
  now: () => Date;
}

/** The parts of a context that do not come from configuration. */
export interface ContextDeps {
  db: Db;
  classifier: Classifier;
  logger: Logger;
  onOutboxWrite?: () => void;
  now?: () => Date;
}

/** Builds the context from validated settings (the one place settings become context values). */
export function createAppContext(config: Config, deps: ContextDeps): AppContext {
  return {
    db: deps.db,
    classifier: deps.classifier,
    logger: deps.logger,
    city: { code: config.cityCode, name: config.cityName, timeZone: config.timezone },
    mergeWindowMs: config.mergeWindowMinutes * 60_000,
    reopenWindowMs: config.reopenWindowDays * 86_400_000,
    sla: {
      verifyWorkingDays: config.sla.verifyWorkingDays,
      followUpDays: config.sla.followUpDays,
      calendar: { timeZone: config.timezone, holidays: loadHolidays(config.sla.holidaysFile) },
    },
    satisfaction: {
      windowMs: config.satisfaction.windowDays * 86_400_000,
      lowRatingMax: config.satisfaction.lowRating,
      xDms: config.x?.pollDms ?? true,
    },
    webhooks: config.webhooks,
    onOutboxWrite: deps.onOutboxWrite ?? (() => {}),
    now: deps.now ?? (() => new Date()),
  };
}
