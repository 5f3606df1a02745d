// The complaint page: the summary plus the text, the classifier's reasons, the whole conversation from every
// channel (inbound messages and outbox rows with their delivery state, across merged duplicates), the
// timeline, notes, duplicates and files. Officers get personal data masked on anonim and rahasia reports.
import { allowedActions, type Status } from '../domain/process.js';
import { summary, visibleText } from './complaint-summary.js';
import type { AppContext } from './context.js';
import { complaintNotFound } from './desk-errors.js';
import { canSeeReporter, complaintScope, type SessionUser } from './roles.js';
import { satisfactionView } from './satisfaction-view.js';

const attachmentUrl = (id: string) => `/api/attachments/${id}`;
const DELIVERY: Record<string, string> = {
  pending: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

function classificationView(json: string | null) {
  if (!json) return null;
  const c = JSON.parse(json) as {
    agency?: string;
    confidence?: number;
    alternatives?: { agency: string; confidence: number }[];
    reasons?: string[];
    explanation?: string[];
    needsReview?: boolean;
  };
  return {
    agency: c.agency ?? null,
    confidence: c.confidence ?? null,
    alternatives: (c.alternatives ?? []).map((a) => ({ agency: a.agency, confidence: a.confidence })),
    reasons: c.reasons ?? c.explanation ?? [],
    needsReview: c.needsReview ?? true,
  };
}

/** Inbound messages and outbox rows of a case, in time order, with files and delivery state. */
async function caseConversation(ctx: AppContext, ids: string[], mask: (t: string | null) => string | null) {
  const [messages, outbox, attachments] = await Promise.all([
    ctx.db.message.findMany({
      where: { complaintId: { in: ids }, direction: 'inbound' },
      orderBy: { createdAt: 'asc' },
    }),
    ctx.db.outbox.findMany({ where: { complaintId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
    ctx.db.attachment.findMany({ where: { complaintId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
  ]);
  const authors = await ctx.db.user.findMany({
    where: { id: { in: outbox.map((o) => o.userId).filter((x): x is string => !!x) } },
    select: { id: true, name: true },
  });
  const authorOf = new Map(authors.map((a) => [a.id, a.name]));
  const files = (messageId: string) =>
    attachments
      .filter((a) => a.messageId === messageId)
      .map((a) => ({ id: a.id, mimeType: a.mimeType, url: attachmentUrl(a.id) }));
  const conversation = [
    ...messages.map((m) => ({
      id: m.id,
      direction: 'inbound' as const,
      channel: m.channel,
      kind: m.kind,
      text: mask(m.text),
      createdAt: m.createdAt,
      attachments: files(m.id),
      complaintId: m.complaintId,
    })),
    ...outbox.map((o) => ({
      id: o.id,
      direction: 'outbound' as const,
      channel: o.channel,
      kind: o.kind,
      text: mask(o.text),
      createdAt: o.createdAt,
      attachments: [],
      delivery: o.deliveredAt ? 'delivered' : (DELIVERY[o.status] ?? 'queued'),
      outboxId: o.id,
      error: o.lastError,
      author: o.userId ? (authorOf.get(o.userId) ?? null) : null,
      complaintId: o.complaintId,
    })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { conversation, attachments };
}

async function findComplaint(ctx: AppContext, user: SessionUser, trackingId: string) {
  const c = await ctx.db.complaint.findFirst({
    where: { trackingId, ...complaintScope(user) },
    include: {
      reporter: {
        include: { identities: { select: { channel: true, unreachableAt: true, unreachableReason: true } } },
      },
      events: { orderBy: { createdAt: 'asc' } },
      notes: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!c) throw complaintNotFound(trackingId);
  return c;
}

type ComplaintRow = Awaited<ReturnType<typeof findComplaint>>;

/** The duplicates merged into this complaint, and the complaint it was merged into (if any). */
function mergeFamily(ctx: AppContext, c: ComplaintRow) {
  return Promise.all([
    ctx.db.complaint.findMany({
      where: { mergedIntoId: c.id },
      select: {
        id: true,
        trackingId: true,
        channel: true,
        status: true,
        rating: true,
        ratingComment: true,
        ratedAt: true,
      },
    }),
    c.mergedIntoId
      ? ctx.db.complaint.findUnique({ where: { id: c.mergedIntoId }, select: { trackingId: true } })
      : null,
  ]);
}

function reporterView(r: ComplaintRow['reporter']) {
  return {
    id: r.id,
    label: r.displayName ?? r.phone ?? 'Pelapor',
    displayName: r.displayName,
    phone: r.phone,
    contact: r.contact,
    channels: [...new Set(r.identities.map((i) => i.channel))],
    // Each identity, and whether the platform said it cannot be reached (the user blocked the bot).
    identities: r.identities.map((i) => ({
      channel: i.channel,
      unreachable: i.unreachableAt ? { since: i.unreachableAt, reason: i.unreachableReason } : null,
    })),
    blocked: r.blocked,
  };
}

const eventView = (e: ComplaintRow['events'][number]) => ({
  action: e.action,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  actor: e.actor,
  agencyCode: e.agencyCode,
  note: e.note,
  publicNote: e.publicNote,
  createdAt: e.createdAt,
});

const noteView = (n: ComplaintRow['notes'][number]) => ({
  id: n.id,
  visibility: n.visibility,
  body: n.body,
  authorName: n.authorName,
  createdAt: n.createdAt,
});

/** The whole complaint page for this user, or a 404 DeskError. */
export async function complaintDetail(ctx: AppContext, user: SessionUser, trackingId: string) {
  const c = await findComplaint(ctx, user, trackingId);
  const [duplicates, mergedInto] = await mergeFamily(ctx, c);
  const mask = (t: string | null) => (t === null ? null : visibleText(user, c.privacy, t));
  const { conversation, attachments } = await caseConversation(ctx, [c.id, ...duplicates.map((d) => d.id)], mask);
  const showReporter = canSeeReporter(user, c.privacy);
  return {
    ...summary(c, user, ctx.now()),
    mergedInto: mergedInto?.trackingId ?? null,
    text: mask(c.text),
    classification: classificationView(c.classification),
    allowedActions: c.mergedIntoId ? [] : allowedActions(c.status as Status),
    reporter: showReporter ? reporterView(c.reporter) : null,
    conversation,
    events: c.events.map(eventView),
    notes: c.notes.map(noteView),
    duplicates: duplicates.map((d) => ({ trackingId: d.trackingId, channel: d.channel, status: d.status })),
    attachments: attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      mimeType: a.mimeType,
      url: attachmentUrl(a.id),
      caption: mask(a.caption),
    })),
    rating: c.rating,
    ratingComment: c.ratingComment,
    ...satisfactionView(c, duplicates, mask),
  };
}
