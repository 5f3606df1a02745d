// Moves a complaint through the process. Status, audit event and the reporter's notification are written in
// one transaction: either all three happen or none does.

import { labelInfo } from '../classifier/labels.js';
import type { Tx } from '../db/client.js';
import { type Action, nextStatus, type Status, TransitionError } from '../domain/process.js';
import { statusNotification } from '../domain/texts.js';
import { enqueue } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';

export interface TransitionRequest {
  trackingId: string;
  action: Action;
  agency?: string | null;
  note?: string | null;
  /** Who did it: a user's email, "system", or "reporter". */
  actor: string;
}

/** An outside authority a complaint can be referred to (province, central government, 112). */
function outsideAuthority(code: string) {
  const info = labelInfo(code);
  if (info.jurisdiction === 'city' || info.jurisdiction === 'not_complaint') {
    throw new TransitionError(
      'unknown_agency',
      `${code} is not an outside authority; refer to e.g. PROVINSI, PLN, BPJS`,
    );
  }
  return info;
}

const daysLater = (t: Date, days: number) => new Date(t.getTime() + days * 86_400_000);

/** Thrown when the tracking ID does not exist. */
export class NotFoundError extends Error {}

/** Applies a transition inside `tx`; returns the new status and the event id. */
export async function transitionInTx(tx: Tx, ctx: AppContext, req: TransitionRequest) {
  const complaint = await tx.complaint.findUnique({ where: { trackingId: req.trackingId } });
  if (!complaint) throw new NotFoundError(`complaint ${req.trackingId} not found`);
  const agencyCode = req.action === 'forward' ? (req.agency ?? complaint.suggestedAgency) : complaint.assignedAgency;
  const agency = agencyCode ? await tx.agency.findUnique({ where: { code: agencyCode } }) : null;
  if (req.action === 'forward' && agencyCode && !agency?.active) {
    throw new TransitionError('unknown_agency', `agency ${agencyCode} does not exist or is inactive`);
  }
  const referral = req.action === 'refer' && req.agency ? outsideAuthority(req.agency) : null;
  const from = complaint.status as Status;
  const to = nextStatus({ action: req.action, from, agency: referral?.code ?? agencyCode, note: req.note });
  const t = ctx.now();
  await tx.complaint.update({
    where: { id: complaint.id },
    data: {
      status: to,
      ...(req.action === 'forward' ? { assignedAgency: agencyCode, forwardedAt: t } : {}),
      // The agency's 30-day clock starts when it first receives the complaint (a re-route keeps it running).
      ...(req.action === 'forward' && !complaint.followUpDueAt
        ? { followUpDueAt: daysLater(t, ctx.sla.followUpDays) }
        : {}),
      ...((req.action === 'start' || req.action === 'resolve') && !complaint.followedUpAt ? { followedUpAt: t } : {}),
      ...(req.action === 'verify' ? { verifiedAt: t } : {}),
      ...(req.action === 'resolve' ? { resolvedAt: t } : {}),
      // A reporter who answers again reopens the follow-up: a fresh clock for the agency.
      ...(req.action === 'reopen'
        ? {
            resolvedAt: null,
            followedUpAt: null,
            followUpDueAt: agencyCode ? daysLater(t, ctx.sla.followUpDays) : null,
          }
        : {}),
      ...(req.action === 'refer' ? { referredTo: referral?.name ?? req.note ?? null } : {}),
    },
  });
  const event = await tx.statusEvent.create({
    data: {
      complaintId: complaint.id,
      actor: req.actor,
      action: req.action,
      fromStatus: from,
      toStatus: to,
      agencyCode: referral?.code ?? agencyCode ?? null,
      note: req.note?.trim() || null,
    },
  });
  // The admin's choice of agency is a labelled example for retraining the classifier.
  // So is a referral to a named outside authority (PLN, the province, ...).
  const decided = req.action === 'forward' ? agencyCode : referral?.code;
  if (decided) {
    await tx.labelledExample.upsert({
      where: { complaintId_source: { complaintId: complaint.id, source: 'admin' } },
      create: { complaintId: complaint.id, source: 'admin', text: complaint.text, label: decided, userId: null },
      update: { label: decided, text: complaint.text },
    });
  }
  const text =
    req.actor === 'reporter'
      ? null
      : statusNotification(to, {
          cityName: ctx.city.name,
          trackingId: complaint.trackingId,
          agencyName: agency?.name ?? null,
          note: req.note,
          referral,
        });
  if (text) {
    await enqueue(tx, {
      dedupeKey: `status:${event.id}`,
      address: await notificationAddress(tx, complaint),
      complaintId: complaint.id,
      kind: `status:${to}`,
      text,
    });
  }
  return { from, to, eventId: event.id, complaintId: complaint.id };
}

/** Applies a transition in its own transaction and wakes the outbox worker. */
export async function applyTransition(ctx: AppContext, req: TransitionRequest) {
  const result = await ctx.db.$transaction((tx) => transitionInTx(tx, ctx, req));
  ctx.onOutboxWrite();
  return result;
}

/**
 * Where a status update goes: the channel the reporter used. One exception: a confidential (anonim/rahasia)
 * complaint that came in as a public X mention is updated by DM, so its progress is not posted in public.
 */
async function notificationAddress(tx: Tx, c: { replyAddress: string; privacy: string; reporterId: string }) {
  if (c.privacy === 'named' || !c.replyAddress.startsWith('x:tweet:')) return c.replyAddress;
  const x = await tx.channelIdentity.findFirst({ where: { reporterId: c.reporterId, channel: 'x' } });
  return x ? `x:dm:${x.externalId}` : c.replyAddress;
}
