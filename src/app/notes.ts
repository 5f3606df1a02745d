// Notes on a complaint. Internal notes stay with the office and the agency; public notes are follow-ups
// (tindak lanjut) sent to every reporter of the case. The requestId makes a double click write one note.
import { createHash } from 'node:crypto';
import { DESK_TEXTS } from '../domain/texts.js';
import { enqueue } from '../outbox/enqueue.js';
import { caseRecipients } from './case-recipients.js';
import type { AppContext } from './context.js';
import { complaintNotFound, onceAfterRace } from './desk-errors.js';

export interface NoteRequest {
  trackingId: string;
  body: string;
  visibility: 'internal' | 'public';
  requestId: string;
  user: { id: string; name: string; role: string };
  scope: { assignedAgency?: string };
  channelOn: (channel: string) => boolean;
}

/** Writes the note (once per requestId) and, for a public note, queues it to the reporters. */
export async function addNote(ctx: AppContext, req: NoteRequest): Promise<{ id: string; duplicate: boolean }> {
  const result = await onceAfterRace(() =>
    ctx.db.$transaction(async (tx) => {
      const c = await tx.complaint.findFirst({
        where: { trackingId: req.trackingId, ...req.scope },
        include: { agency: true },
      });
      if (!c) throw complaintNotFound(req.trackingId);
      const id = `note_${createHash('sha256').update(`${c.id}:${req.requestId}`).digest('hex').slice(0, 24)}`;
      if (await tx.complaintNote.findUnique({ where: { id }, select: { id: true } })) return { id, duplicate: true };
      const now = ctx.now();
      await tx.complaintNote.create({
        data: {
          id,
          complaintId: c.id,
          userId: req.user.id,
          authorName: req.user.name,
          visibility: req.visibility,
          body: req.body.trim(),
          createdAt: now,
        },
      });
      if (req.visibility === 'internal') return { id, duplicate: false };
      // The agency's first public follow-up stops its 30-day clock.
      if (!c.followedUpAt && ['forwarded', 'in_progress'].includes(c.status)) {
        await tx.complaint.update({ where: { id: c.id }, data: { followedUpAt: now } });
      }
      for (const r of await caseRecipients(tx, c)) {
        // A public note is also shown on the reporter's own page, so a blocked or switched-off reporter loses nothing.
        if (r.reporterBlocked || !req.channelOn(r.address.slice(0, r.address.indexOf(':')))) continue;
        await enqueue(tx, {
          dedupeKey: `note:${id}:${r.complaintId}`,
          address: r.address,
          complaintId: r.complaintId,
          kind: 'follow_up',
          text: DESK_TEXTS.followUp(r.trackingId, c.agency?.name ?? null, req.body.trim()),
        });
      }
      return { id, duplicate: false };
    }),
  );
  if (!result.duplicate) ctx.onOutboxWrite();
  return result;
}
