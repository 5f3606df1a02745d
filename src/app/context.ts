// What application services need, resolved once at start-up and passed down (no globals, no process.env).
import type { Classifier } from '../classifier/types.js';
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
  /** Called after replies were queued, so the outbox worker sends them now rather than at the next tick. */
  onOutboxWrite: () => void;
  now: () => Date;
}
