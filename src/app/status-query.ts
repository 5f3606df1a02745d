// Answers "status <tracking id>" on any channel.
import type { Tx } from '../db/client.js';
import { OPEN_STATUSES, type Status } from '../domain/process.js';
import { STATUS_LABELS, statusReply, TEXTS } from '../domain/texts.js';
import type { AppContext } from './context.js';

/** The reply text for a status question; without an id, lists the reporter's open complaints. */
export async function statusAnswer(
  tx: Tx,
  ctx: AppContext,
  reporterId: string,
  trackingId: string | null,
): Promise<string> {
  if (!trackingId) {
    const open = await tx.complaint.findMany({
      where: { reporterId, status: { in: [...OPEN_STATUSES] } },
      orderBy: { createdAt: 'desc' },
      take: 10,
    });
    if (open.length === 0) return TEXTS.statusUsage;
    const lines = open.map((c) => `• ${c.trackingId}: ${STATUS_LABELS[c.status as Status]}`);
    return [`Laporan Anda yang masih berjalan:`, ...lines, '', TEXTS.statusUsage].join('\n');
  }
  const complaint = await tx.complaint.findUnique({ where: { trackingId }, include: { agency: true } });
  if (!complaint) return TEXTS.unknownTrackingId(trackingId);
  // Only public notes reach a reporter: the latest of a status update's public note and a public follow-up.
  const [lastEventNote, lastFollowUp] = await Promise.all([
    tx.statusEvent.findFirst({
      where: { complaintId: complaint.id, publicNote: { not: null }, actor: { not: 'reporter' } },
      orderBy: { createdAt: 'desc' },
    }),
    tx.complaintNote.findFirst({
      where: { complaintId: complaint.id, visibility: 'public' },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  const lastNote =
    lastFollowUp && (!lastEventNote || lastFollowUp.createdAt > lastEventNote.createdAt)
      ? lastFollowUp.body
      : (lastEventNote?.publicNote ?? null);
  const lastEvent = await tx.statusEvent.findFirst({
    where: { complaintId: complaint.id },
    orderBy: { createdAt: 'desc' },
  });
  return statusReply({
    trackingId: complaint.trackingId,
    status: complaint.status as Status,
    agencyName: complaint.agency?.name ?? null,
    lastNote,
    lastUpdate: lastEvent?.createdAt ?? complaint.updatedAt,
    timeZone: ctx.city.timeZone,
  });
}
