// Moves a complaint through the process. Status, audit event and the reporters' notifications are written in
// one transaction: either all happen or none does. `note` is internal (office and agency only); `publicNote`
// is the only text that reaches the reporter, and it reaches every reporter of a merged case.

import type { Tx } from '../db/client.js';
import { catalogueEntry, isOutsideAuthority } from '../domain/catalogue.js';
import { type Action, nextStatus, type Status, TransitionError } from '../domain/process.js';
import { notComplaintNotice, statusNotification } from '../domain/texts.js';
import { enqueue } from '../outbox/enqueue.js';
import { complaintEventData, recordWebhookEvent } from '../webhooks/events.js';
import { caseRecipients } from './case-recipients.js';
import type { AppContext } from './context.js';
import { askForRatings } from './satisfaction.js';

export interface TransitionRequest {
  trackingId: string;
  action: Action;
  agency?: string | null;
  /** Internal note: stored on the event, never sent to the reporter nor shown publicly. */
  note?: string | null;
  /** Public note: sent to the reporter(s) with the status update. */
  publicNote?: string | null;
  /** The status the actor saw; a different current status means someone else moved it first (stale). */
  expectedStatus?: Status;
  /** Who did it: a user's email, "system", or "reporter". */
  actor: string;
  userId?: string | null;
}

/** Thrown when the tracking ID does not exist. */
export class NotFoundError extends Error {}

/** Thrown when the complaint is no longer in the status the actor saw, or was merged into another case. */
export class ConflictError extends Error {
  constructor(
    readonly code: 'stale' | 'merged',
    message: string,
  ) {
    super(message);
  }
}

/** An outside authority a complaint can be referred to (province, central government, 112). */
function outsideAuthority(code: string) {
  if (!isOutsideAuthority(code)) {
    throw new TransitionError(
      'unknown_agency',
      `${code} is not an outside authority; refer to e.g. PROVINSI, PLN, BPJS`,
    );
  }
  return catalogueEntry(code);
}

const daysLater = (t: Date, days: number) => new Date(t.getTime() + days * 86_400_000);

type ComplaintRow = NonNullable<Awaited<ReturnType<Tx['complaint']['findUnique']>>>;

async function loadChecked(tx: Tx, req: TransitionRequest): Promise<ComplaintRow> {
  const complaint = await tx.complaint.findUnique({ where: { trackingId: req.trackingId } });
  if (!complaint) throw new NotFoundError(`complaint ${req.trackingId} not found`);
  if (req.expectedStatus && complaint.status !== req.expectedStatus) {
    throw new ConflictError(
      'stale',
      `Laporan ${complaint.trackingId} sudah diubah oleh petugas lain (status sekarang: ${complaint.status}). Muat ulang halaman lalu coba lagi.`,
    );
  }
  if (complaint.mergedIntoId && req.actor !== 'reporter') {
    throw new ConflictError(
      'merged',
      `Laporan ${complaint.trackingId} sudah digabungkan ke laporan lain; tindak lanjuti laporan utamanya.`,
    );
  }
  return complaint;
}

/** The complaint fields a transition changes. */
function changes(req: TransitionRequest, c: ComplaintRow, ctx: AppContext, agencyCode: string | null, t: Date) {
  const a = req.action;
  return {
    ...(a === 'forward' ? { assignedAgency: agencyCode, forwardedAt: t } : {}),
    // The agency's 30-day clock starts when it first receives the complaint (a re-route keeps it running).
    ...(a === 'forward' && !c.followUpDueAt ? { followUpDueAt: daysLater(t, ctx.sla.followUpDays) } : {}),
    ...((a === 'start' || a === 'resolve') && !c.followedUpAt ? { followedUpAt: t } : {}),
    ...(a === 'verify' ? { verifiedAt: t } : {}),
    ...(a === 'resolve' ? { resolvedAt: t } : {}),
    // A reporter who answers again reopens the follow-up: a fresh clock for the agency.
    ...(a === 'reopen'
      ? { resolvedAt: null, followedUpAt: null, followUpDueAt: agencyCode ? daysLater(t, ctx.sla.followUpDays) : null }
      : {}),
  };
}

/** Applies a transition inside `tx`; returns the new status and the event id. */
export async function transitionInTx(tx: Tx, ctx: AppContext, req: TransitionRequest) {
  const complaint = await loadChecked(tx, req);
  const agencyCode = req.action === 'forward' ? (req.agency ?? complaint.suggestedAgency) : complaint.assignedAgency;
  const agency = agencyCode ? await tx.agency.findUnique({ where: { code: agencyCode } }) : null;
  if (req.action === 'forward' && agencyCode && !agency?.active) {
    throw new TransitionError('unknown_agency', `agency ${agencyCode} does not exist or is inactive`);
  }
  const referral = req.action === 'refer' && req.agency ? outsideAuthority(req.agency) : null;
  const from = complaint.status as Status;
  // A rejection or a referral without an authority must tell the reporter why: the public note is required.
  const to = nextStatus({ action: req.action, from, agency: referral?.code ?? agencyCode, note: req.publicNote });
  const t = ctx.now();
  const data = {
    status: to,
    ...changes(req, complaint, ctx, agencyCode, t),
    ...(req.action === 'refer' ? { referredTo: referral?.name ?? req.publicNote ?? null } : {}),
    ...(req.action === 'not_complaint' ? { jurisdiction: 'not_complaint' } : {}),
  };
  await tx.complaint.update({ where: { id: complaint.id }, data });
  // Merged duplicates follow their case, so their own tracking pages show the same progress.
  const { followUpDueAt: _due, ...mirrored } = data;
  await tx.complaint.updateMany({ where: { mergedIntoId: complaint.id }, data: mirrored });
  const event = await tx.statusEvent.create({
    data: {
      complaintId: complaint.id,
      actor: req.actor,
      action: req.action,
      fromStatus: from,
      toStatus: to,
      agencyCode: referral?.code ?? agencyCode ?? null,
      note: req.note?.trim() || null,
      publicNote: req.publicNote?.trim() || null,
      createdAt: t,
    },
  });
  await recordDecision(tx, complaint, req, decisionLabel(req, referral?.code ?? null, agencyCode), t);
  if (req.actor !== 'reporter') {
    await notifyCase(tx, ctx, complaint, event.id, to, { agencyName: agency?.name ?? null, referral, req });
    // Every reporter of a resolved case is asked to rate the handling, after the "resolved" notice.
    if (to === 'resolved') await askForRatings(tx, ctx, complaint, t);
  }
  // Other city systems hear of the change through a webhook stored in this same transaction.
  const after = { ...complaint, ...data, status: to };
  await recordWebhookEvent(tx, 'complaint.status_changed', complaintEventData(after, { previousStatus: from }), t);
  return { from, to, eventId: event.id, complaintId: complaint.id };
}

/** What an admin's action teaches the classifier: the agency forwarded to, the authority referred to, or chatter. */
function decisionLabel(req: TransitionRequest, referredTo: string | null, agencyCode: string | null): string | null {
  if (req.action === 'forward') return agencyCode;
  if (req.action === 'not_complaint') return 'BUKAN_ADUAN';
  return referredTo;
}

type Example = {
  complaintId: string;
  source: string;
  text: string;
  label: string;
  userId: string | null;
  createdAt: Date;
};

/** Writes a complaint's labelled example from one source; `update` is what a later decision replaces. */
function keepExample(tx: Tx, example: Example, update: Partial<Example>) {
  const key = { complaintId: example.complaintId, source: example.source };
  return tx.labelledExample.upsert({ where: { complaintId_source: key }, create: example, update });
}

/** The admin's choice of agency (or outside authority) is a labelled example for retraining the classifier. */
async function recordDecision(tx: Tx, c: ComplaintRow, req: TransitionRequest, decided: string | null, t: Date) {
  if (!decided) return;
  const example = { complaintId: c.id, text: c.text, label: decided, userId: req.userId ?? null, createdAt: t };
  const previous = await tx.labelledExample.findUnique({
    where: { complaintId_source: { complaintId: c.id, source: 'admin' } },
  });
  const { complaintId: _, ...decision } = example;
  await keepExample(tx, { ...example, source: 'admin' }, decision);
  // A complaint an officer sent back ("salah alamat") and the desk re-routed: the correction itself is kept.
  const returned = await tx.statusEvent.findFirst({ where: { complaintId: c.id, action: 'return' } });
  if (returned && previous?.label !== decided) {
    await keepExample(tx, { ...example, source: 'correction' }, { label: decided, text: c.text });
  }
}

async function notifyCase(
  tx: Tx,
  ctx: AppContext,
  c: ComplaintRow,
  eventId: string,
  to: Status,
  o: {
    agencyName: string | null;
    referral: { name: string; whereToReport: string | null } | null;
    req: TransitionRequest;
  },
) {
  for (const r of await caseRecipients(tx, c)) {
    if (r.reporterBlocked) continue;
    const context = {
      cityName: ctx.city.name,
      clocks: ctx.sla,
      trackingId: r.trackingId,
      agencyName: o.agencyName,
      publicNote: o.req.publicNote,
      referral: o.referral,
    };
    const text = o.req.action === 'not_complaint' ? notComplaintNotice(context) : statusNotification(to, context);
    if (!text) continue;
    await enqueue(tx, {
      dedupeKey: r.complaintId === c.id ? `status:${eventId}` : `status:${eventId}:${r.complaintId}`,
      address: r.address,
      complaintId: r.complaintId,
      kind: `status:${to}`,
      text,
    });
  }
}

/** Applies a transition in its own transaction and wakes the outbox worker. */
export async function applyTransition(ctx: AppContext, req: TransitionRequest) {
  const result = await ctx.db.$transaction((tx) => transitionInTx(tx, ctx, req));
  ctx.onOutboxWrite();
  return result;
}

/** Accepts the classifier's suggestion: verify (when still unverified) and forward, in one transaction. */
export async function acceptSuggestion(
  ctx: AppContext,
  req: { trackingId: string; expectedStatus?: Status; actor: string; userId?: string | null },
) {
  const result = await ctx.db.$transaction(async (tx) => {
    const base = { trackingId: req.trackingId, actor: req.actor, userId: req.userId };
    const c = await loadChecked(tx, { ...base, action: 'forward', expectedStatus: req.expectedStatus });
    if (c.status === 'received' || c.status === 'on_hold') await transitionInTx(tx, ctx, { ...base, action: 'verify' });
    const forwarded = await transitionInTx(tx, ctx, { ...base, action: 'forward' });
    return { trackingId: c.trackingId, from: c.status, to: forwarded.to, agency: c.suggestedAgency };
  });
  ctx.onOutboxWrite();
  return result;
}
