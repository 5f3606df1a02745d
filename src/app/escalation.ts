// Reminders before the Ombudsman steps in: when a clock crosses 50, 80 and 100 percent, the people who can
// act are told. Verification: the communications office's admins and reviewers. Follow-up: the agency's
// officers, and at 100 percent its head (User.agencyHead). Each reminder is a Reminder row (listed in the UI)
// and, when the user linked a chat account, one outbox message. Both are keyed by (complaint, clock, due date,
// threshold, user): several instances running the job at once create each once and send it once.
import type { OutboxItem } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';
import { clockFraction, crossedThresholds, type Threshold } from './escalation-clock.js';
import { followUpReminder, headReminder, type ReminderFacts, verifyReminder } from './escalation-texts.js';
import { capMessages, type PlannedGroup, writeGroups } from './escalation-write.js';

export type ClockKind = 'verify' | 'follow_up';

/** A running clock of one complaint. */
interface RunningClock {
  complaintId: string;
  trackingId: string;
  text: string;
  clock: ClockKind;
  dueAt: Date;
  crossed: Threshold[];
  agencyCode: string | null;
  agencyName: string | null;
}

/** Who is told about one clock at one threshold. */
interface Recipient {
  userId: string;
  head: boolean;
}

/** Finds crossings and writes the missing reminders; returns how many were created and how many queued. */
export async function runEscalation(ctx: AppContext): Promise<{ created: number; queued: number }> {
  const now = ctx.now();
  const clocks = [...(await verifyClocks(ctx, now)), ...(await followUpClocks(ctx, now))];
  if (clocks.length === 0) return { created: 0, queued: 0 };
  const recipients = await recipientDirectory(ctx);
  const existing = await existingReminders(ctx, clocks);
  const channels = await linkedChannels(ctx);
  const groups: PlannedGroup[] = [];
  for (const c of clocks) {
    for (const r of recipients(c)) {
      const thresholds = c.crossed.filter((t) => (!r.head || t === 100) && !existing.has(key(c, t, r.userId)));
      if (thresholds.length > 0) groups.push(plan(ctx, c, r, thresholds, channels.get(r.userId) ?? null, now));
    }
  }
  const made = await writeGroups(ctx, capMessages(groups));
  if (made.queued > 0) ctx.onOutboxWrite();
  return made;
}

const key = (c: RunningClock, t: number, userId: string) =>
  `${c.complaintId}:${c.clock}:${c.dueAt.getTime()}:${t}:${userId}`;

/** Unverified complaints (the queue is small: every running verification clock is read). */
async function verifyClocks(ctx: AppContext, now: Date): Promise<RunningClock[]> {
  const rows = await ctx.db.complaint.findMany({
    where: {
      status: { in: ['received', 'on_hold'] },
      verifiedAt: null,
      forwardedAt: null,
      mergedIntoId: null,
      verifyDueAt: { not: null },
    },
    select: { id: true, trackingId: true, text: true, createdAt: true, verifyDueAt: true },
  });
  return rows.flatMap((r) => {
    const dueAt = r.verifyDueAt as Date;
    const crossed = crossedThresholds(clockFraction(r.createdAt, dueAt, now, ctx.sla.calendar));
    if (crossed.length === 0) return [];
    return [
      {
        complaintId: r.id,
        trackingId: r.trackingId,
        text: r.text,
        clock: 'verify' as const,
        dueAt,
        crossed,
        agencyCode: null,
        agencyName: null,
      },
    ];
  });
}

/** Forwarded complaints not followed up yet, from half their 30 days on (the index on the due date bounds it). */
async function followUpClocks(ctx: AppContext, now: Date): Promise<RunningClock[]> {
  const spanMs = ctx.sla.followUpDays * 86_400_000;
  const rows = await ctx.db.complaint.findMany({
    where: {
      status: { in: ['forwarded', 'in_progress'] },
      followedUpAt: null,
      mergedIntoId: null,
      assignedAgency: { not: null },
      followUpDueAt: { lte: new Date(now.getTime() + spanMs / 2) },
    },
    select: { id: true, trackingId: true, text: true, followUpDueAt: true, assignedAgency: true, agency: true },
  });
  return rows.flatMap((r) => {
    const dueAt = r.followUpDueAt as Date;
    // The clock is set to forwarding (or reopening) + followUpDays: its start is read back from the due date.
    const start = new Date(dueAt.getTime() - spanMs);
    const crossed = crossedThresholds(clockFraction(start, dueAt, now, null));
    if (crossed.length === 0) return [];
    const agencyName = r.agency?.name ?? null;
    return [
      {
        complaintId: r.id,
        trackingId: r.trackingId,
        text: r.text,
        clock: 'follow_up' as const,
        dueAt,
        crossed,
        agencyCode: r.assignedAgency,
        agencyName,
      },
    ];
  });
}

/** Who hears about a clock: reviewers for verification; the agency's officers and head for follow-up. */
async function recipientDirectory(ctx: AppContext): Promise<(c: RunningClock) => Recipient[]> {
  const users = await ctx.db.user.findMany({
    where: { disabled: false, OR: [{ role: { in: ['admin', 'reviewer'] } }, { agencyCode: { not: null } }] },
    select: { id: true, role: true, agencyCode: true, agencyHead: true },
  });
  const reviewers = users.filter((u) => u.role === 'admin' || u.role === 'reviewer');
  return (c) => {
    if (c.clock === 'verify') return reviewers.map((u) => ({ userId: u.id, head: false }));
    return users
      .filter((u) => u.agencyCode === c.agencyCode && (u.agencyHead || u.role === 'officer'))
      .map((u) => ({ userId: u.id, head: u.agencyHead }));
  };
}

/** Reminders already written for these clocks (one query per 500 complaints). */
async function existingReminders(ctx: AppContext, clocks: RunningClock[]): Promise<Set<string>> {
  const ids = [...new Set(clocks.map((c) => c.complaintId))];
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db.reminder.findMany({
      where: { complaintId: { in: ids.slice(i, i + 500) } },
      select: { complaintId: true, clock: true, dueAt: true, threshold: true, userId: true },
    });
    for (const r of rows) seen.add(`${r.complaintId}:${r.clock}:${r.dueAt.getTime()}:${r.threshold}:${r.userId}`);
  }
  return seen;
}

/** Each user's most recently linked chat address. */
async function linkedChannels(ctx: AppContext): Promise<Map<string, string>> {
  const rows = await ctx.db.officerChannel.findMany({
    orderBy: { createdAt: 'asc' },
    select: { userId: true, address: true },
  });
  return new Map(rows.map((r) => [r.userId, r.address]));
}

/**
 * The rows of one clock for one user. Only the highest new threshold is sent: after a pause of the job (or a
 * clock that jumped), a user gets one message, not three; the lower ones are stored as already read.
 */
function plan(
  ctx: AppContext,
  c: RunningClock,
  r: Recipient,
  thresholds: Threshold[],
  address: string | null,
  now: Date,
): PlannedGroup {
  const top = Math.max(...thresholds) as Threshold;
  const rows = thresholds.map((t) => ({
    userId: r.userId,
    complaintId: c.complaintId,
    clock: c.clock,
    dueAt: c.dueAt,
    threshold: t,
    sent: t === top && address !== null,
    readAt: t === top ? null : now,
    createdAt: now,
  }));
  return { userId: r.userId, rows, message: address ? message(ctx, c, r, top, address) : null, overflow: null };
}

function message(ctx: AppContext, c: RunningClock, r: Recipient, t: Threshold, address: string): OutboxItem {
  const facts: ReminderFacts = {
    ...c,
    threshold: t,
    timeZone: ctx.city.timeZone,
    verifyDays: ctx.sla.verifyWorkingDays,
  };
  const text = c.clock === 'verify' ? verifyReminder(facts) : r.head ? headReminder(facts) : followUpReminder(facts);
  // Not tied to the complaint (complaintId null): the reporter's own page lists the complaint's messages.
  return { dedupeKey: `reminder:${key(c, t, r.userId)}`, address, kind: `reminder:${c.clock}:${t}`, text };
}
