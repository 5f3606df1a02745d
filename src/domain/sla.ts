// The two clocks the Ombudsman watches: the city verifies a complaint within 3 working days, and the agency
// follows up within 30 days of receiving it. Pure: the dates live on the complaint, this reads them.
import type { Status } from './process.js';

/** running: not done, not late; met/missed: done in time or late; overdue: not done and already late. */
export type ClockState = 'running' | 'met' | 'missed' | 'overdue';

export interface Clock {
  dueAt: Date;
  doneAt: Date | null;
  state: ClockState;
}

export interface ClockFields {
  status: string;
  updatedAt: Date;
  verifiedAt: Date | null;
  forwardedAt: Date | null;
  verifyDueAt: Date | null;
  followUpDueAt: Date | null;
  followedUpAt: Date | null;
}

const CLOSED_WITHOUT_VERIFYING: readonly Status[] = ['rejected', 'referred', 'archived'];

function clock(dueAt: Date, doneAt: Date | null, now: Date): Clock {
  const state: ClockState = doneAt ? (doneAt <= dueAt ? 'met' : 'missed') : now > dueAt ? 'overdue' : 'running';
  return { dueAt, doneAt, state };
}

/** Both clocks of a complaint; the follow-up clock exists once the complaint was forwarded. */
export function complaintClocks(c: ClockFields, now: Date): { verify: Clock | null; followUp: Clock | null } {
  // Any decision by the communications office stops the verification clock: verify, forward, reject, refer.
  const decided =
    c.verifiedAt ?? c.forwardedAt ?? (CLOSED_WITHOUT_VERIFYING.includes(c.status as Status) ? c.updatedAt : null);
  return {
    verify: c.verifyDueAt ? clock(c.verifyDueAt, decided, now) : null,
    followUp: c.followUpDueAt ? clock(c.followUpDueAt, c.followedUpAt, now) : null,
  };
}

/** Database filters for complaints whose clock has run out and is still running (for lists and counts). */
export function overdueWhere(kind: 'verify' | 'follow_up', now: Date) {
  return kind === 'verify'
    ? { status: { in: ['received', 'on_hold'] }, verifiedAt: null, forwardedAt: null, verifyDueAt: { lt: now } }
    : { status: { in: ['forwarded', 'in_progress'] }, followedUpAt: null, followUpDueAt: { lt: now } };
}
