// What each public door may show. Without the private link: status, dates and (unless rahasia) the agency;
// never text, notes or names. With it: the reporter's own complaint and everything the city sent them.
import type { AppContext } from '../../app/context.js';
import { maskPersonalData } from '../../domain/privacy.js';
import type { Status } from '../../domain/process.js';
import { TRACKING_ALPHABET } from '../../domain/tracking-id.js';

const WHOLE_ID = new RegExp(`^[A-Z]{2,5}-\\d{6}-[${TRACKING_ALPHABET}]{4,8}$`);

/** The canonical tracking ID in a path, or null: anything else never reaches the database. */
export function trackingIdParam(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  return WHOLE_ID.test(id) ? id : null;
}

/** The public tracking view (a tracking ID read over the phone reveals no more than this). */
export interface PublicTracking {
  trackingId: string;
  status: Status;
  createdAt: Date;
  updatedAt: Date;
  agencyName: string | null;
  events: { at: Date; status: Status }[];
}

/** Loads the public tracking view of a complaint, or null. */
export async function publicTracking(ctx: AppContext, trackingId: string): Promise<PublicTracking | null> {
  const c = await ctx.db.complaint.findUnique({
    where: { trackingId },
    select: {
      trackingId: true,
      status: true,
      privacy: true,
      createdAt: true,
      agency: { select: { name: true } },
      events: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, toStatus: true } },
    },
  });
  if (!c) return null;
  const events = c.events.map((e) => ({ at: e.createdAt, status: e.toStatus as Status }));
  return {
    trackingId: c.trackingId,
    status: c.status as Status,
    createdAt: c.createdAt,
    updatedAt: events.at(-1)?.at ?? c.createdAt,
    agencyName: c.privacy === 'rahasia' ? null : (c.agency?.name ?? null),
    events,
  };
}

/** One line of the reporter's conversation with the city. */
export interface PrivateMessage {
  at: Date;
  from: 'city' | 'reporter';
  text: string;
  attachments: number;
}

/** What the reporter sees of one of their complaints on the private page. */
export interface PrivateComplaint {
  trackingId: string;
  status: Status;
  privacy: string;
  text: string;
  agencyName: string | null;
  referredTo: string | null;
  createdAt: Date;
  resolved: boolean;
  rating: number | null;
  ratingComment: string | null;
  /** Status changes with their public note, and public notes (status null). */
  history: { at: Date; status: Status | null; note: string | null }[];
}

/** The private page's content: the reporter's complaints and their conversation. */
export interface PrivateView {
  complaints: PrivateComplaint[];
  messages: PrivateMessage[];
}

/** The reporter behind a private link's hash, or null when no submission made it. */
export async function reporterOfLink(ctx: AppContext, hash: string) {
  const identity = await ctx.db.channelIdentity.findUnique({
    where: { channel_externalId: { channel: 'web', externalId: hash } },
    select: { reporterId: true, address: true },
  });
  return identity ? { reporterId: identity.reporterId, address: identity.address } : null;
}

/** Loads the private view; replies shown are marked delivered (showing them is how the web channel delivers). */
export async function privateView(ctx: AppContext, who: { reporterId: string; address: string }): Promise<PrivateView> {
  const complaints = await ctx.db.complaint.findMany({
    where: { reporterId: who.reporterId },
    orderBy: { createdAt: 'desc' },
    include: {
      agency: { select: { name: true } },
      events: { orderBy: { createdAt: 'asc' } },
      notes: { where: { visibility: 'public' }, orderBy: { createdAt: 'asc' } },
    },
  });
  const [outbox, inbound] = await Promise.all([
    ctx.db.outbox.findMany({ where: { address: who.address }, orderBy: { createdAt: 'asc' } }),
    ctx.db.message.findMany({
      where: { reporterId: who.reporterId, direction: 'inbound', channel: 'web' },
      orderBy: { createdAt: 'asc' },
      select: { id: true, createdAt: true, text: true },
    }),
  ]);
  const attachmentCounts = await ctx.db.attachment.groupBy({
    by: ['messageId'],
    where: { messageId: { in: inbound.map((m) => m.id) } },
    _count: { _all: true },
  });
  const filesOf = new Map(attachmentCounts.map((a) => [a.messageId, a._count._all]));
  await ctx.db.outbox.updateMany({
    where: { address: who.address, status: 'sent' },
    data: { status: 'delivered', deliveredAt: ctx.now() },
  });
  const messages: PrivateMessage[] = [
    // The city's messages carry officers' public notes, which may name other people: masked like the notes.
    ...outbox.map((o) => ({ at: o.createdAt, from: 'city' as const, text: maskPersonalData(o.text), attachments: 0 })),
    ...inbound.map((m) => ({
      at: m.createdAt,
      from: 'reporter' as const,
      text: m.text ?? '',
      attachments: filesOf.get(m.id) ?? 0,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { complaints: complaints.map(toPrivateComplaint), messages };
}

type LoadedComplaint = Awaited<ReturnType<AppContext['db']['complaint']['findMany']>>[number] & {
  agency: { name: string } | null;
  events: { createdAt: Date; toStatus: string; publicNote: string | null }[];
  notes: { createdAt: Date; body: string }[];
};

/** Only public notes reach the reporter, masked: an officer's note may name other people. */
function toPrivateComplaint(c: LoadedComplaint): PrivateComplaint {
  const history = [
    ...c.events.map((e) => ({
      at: e.createdAt,
      status: e.toStatus as Status,
      note: e.publicNote ? maskPersonalData(e.publicNote) : null,
    })),
    ...c.notes.map((n) => ({ at: n.createdAt, status: null, note: maskPersonalData(n.body) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    trackingId: c.trackingId,
    status: c.status as Status,
    privacy: c.privacy,
    text: c.text,
    agencyName: c.agency?.name ?? null,
    referredTo: c.referredTo,
    createdAt: c.createdAt,
    resolved: c.resolvedAt !== null,
    rating: c.rating,
    ratingComment: c.ratingComment,
    history,
  };
}
