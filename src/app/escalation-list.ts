// The "Pengingat" panel: a user's unread reminders whose clock still runs. A complaint verified, followed up,
// closed, merged or moved to another agency since then drops out by itself: the list is what still needs action.
import type { AppContext } from './context.js';
import type { ClockKind } from './escalation.js';
import { complaintScope, type SessionUser } from './roles.js';

/** Reminders listed for a user, newest first. */
export async function listReminders(ctx: AppContext, user: SessionUser, limit = 50) {
  const scope = { ...complaintScope(user), mergedIntoId: null };
  const rows = await ctx.db.reminder.findMany({
    where: {
      userId: user.id,
      readAt: null,
      OR: [
        {
          clock: 'verify',
          complaint: { ...scope, status: { in: ['received', 'on_hold'] }, verifiedAt: null, forwardedAt: null },
        },
        {
          clock: 'follow_up',
          complaint: { ...scope, status: { in: ['forwarded', 'in_progress'] }, followedUpAt: null },
        },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: limit,
    include: {
      complaint: {
        select: { trackingId: true, status: true, assignedAgency: true, verifyDueAt: true, followUpDueAt: true },
      },
    },
  });
  // A clock restarted since (a reopened complaint) has a new due date: its old reminders are history.
  const current = rows.filter(
    (r) =>
      (r.clock === 'verify' ? r.complaint.verifyDueAt : r.complaint.followUpDueAt)?.getTime() === r.dueAt.getTime(),
  );
  return current.map((r) => ({
    id: r.id,
    trackingId: r.complaint.trackingId,
    status: r.complaint.status,
    agencyCode: r.complaint.assignedAgency,
    clock: r.clock as ClockKind,
    threshold: r.threshold,
    dueAt: r.dueAt,
    sent: r.sent,
    createdAt: r.createdAt,
  }));
}

/** Marks a user's own reminder as read; false when it is not theirs. */
export async function markReminderRead(ctx: AppContext, userId: string, id: string): Promise<boolean> {
  const { count } = await ctx.db.reminder.updateMany({
    where: { id, userId, readAt: null },
    data: { readAt: ctx.now() },
  });
  return count === 1;
}
