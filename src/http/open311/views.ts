// What Open311 shows: services (the active agencies) and service requests (complaints) as GeoReport v2 records.
// Public data only: rahasia complaints are never listed, texts and notes are masked, and status_notes come
// from public notes (StatusEvent.publicNote) only, never from internal ones.
import type { AppContext } from '../../app/context.js';
import { maskPersonalData } from '../../domain/privacy.js';
import { OPEN_STATUSES, type Status } from '../../domain/process.js';
import type { Field } from './format.js';

/** A GeoReport v2 service: one per active agency, its code as service_code. */
export async function services(ctx: AppContext): Promise<Record<string, Field>[]> {
  const agencies = await ctx.db.agency.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  return agencies.map((a) => ({
    service_code: a.code,
    service_name: a.name,
    description: a.description,
    // No extra attributes: a description and a location are all a complaint needs.
    metadata: false,
    type: 'realtime',
    keywords: a.shortName,
    group: 'Perangkat Daerah',
  }));
}

/** The active agency with this code, or null. */
export async function activeService(ctx: AppContext, code: string) {
  const a = await ctx.db.agency.findUnique({ where: { code } });
  return a?.active ? a : null;
}

/** open or closed, as the standard knows only these two. */
export const open311Status = (s: string) => ((OPEN_STATUSES as readonly string[]).includes(s) ? 'open' : 'closed');

/** Filters of GET Service Requests, already validated; ids override all the others, as the standard says. */
export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  start?: Date;
  end?: Date;
  statuses?: ('open' | 'closed')[];
}

// The standard's default volume: 90 days or the first 1,000 requests, whichever is smaller.
const MAX_LISTED = 1000;
const NINETY_DAYS = 90 * 86_400_000;

function statusWhere(statuses: RequestFilter['statuses']) {
  if (!statuses?.length || statuses.length === 2) return {};
  return statuses[0] === 'open' ? { status: { in: [...OPEN_STATUSES] } } : { status: { notIn: [...OPEN_STATUSES] } };
}

function whereOf(f: RequestFilter, now: Date) {
  if (f.ids?.length) return { privacy: { not: 'rahasia' }, trackingId: { in: f.ids } };
  const start = f.start ?? new Date((f.end ?? now).getTime() - NINETY_DAYS);
  const codes = f.serviceCodes ?? [];
  return {
    privacy: { not: 'rahasia' },
    createdAt: { gte: start, ...(f.end ? { lte: f.end } : {}) },
    ...statusWhere(f.statuses),
    ...(codes.length
      ? { OR: [{ assignedAgency: { in: codes } }, { assignedAgency: null, suggestedAgency: { in: codes } }] }
      : {}),
  };
}

/** Service requests matching the filter, newest first (at most 1,000). */
export async function serviceRequests(ctx: AppContext, f: RequestFilter): Promise<Record<string, Field>[]> {
  const rows = await ctx.db.complaint.findMany({
    where: whereOf(f, ctx.now()),
    orderBy: { createdAt: 'desc' },
    take: MAX_LISTED,
    include: {
      agency: { select: { name: true } },
      events: { orderBy: { createdAt: 'asc' }, select: { createdAt: true, publicNote: true } },
    },
  });
  const [names, media] = await Promise.all([
    agencyNames(ctx),
    mediaUrls(
      ctx,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((c) => {
    const code = c.assignedAgency ?? c.suggestedAgency;
    const notes = c.events.filter((e) => e.publicNote);
    const open = open311Status(c.status) === 'open';
    // A citizen who wrote on WhatsApp, Telegram, X or the form did not publish their words or their position:
    // like the public tracking page, the public list gives neither (a street name or a shared location is
    // often the reporter's home). A request filed through Open311 was written for this interface.
    const published = c.channel === 'open311';
    const coarse = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
    return {
      service_request_id: c.trackingId,
      status: open311Status(c.status as Status),
      status_notes: notes.length ? maskPersonalData(notes.at(-1)?.publicNote ?? '') : null,
      service_name: code ? (names.get(code) ?? null) : null,
      service_code: code,
      description: published ? maskPersonalData(c.text) : null,
      agency_responsible: c.agency?.name ?? null,
      service_notice: null,
      requested_datetime: c.createdAt.toISOString(),
      updated_datetime: (c.events.at(-1)?.createdAt ?? c.createdAt).toISOString(),
      expected_datetime: open ? ((c.followUpDueAt ?? c.verifyDueAt)?.toISOString() ?? null) : null,
      address: published && c.locationText ? maskPersonalData(c.locationText) : null,
      address_id: null,
      zipcode: null,
      lat: published ? c.latitude : coarse(c.latitude),
      long: published ? c.longitude : coarse(c.longitude),
      media_url: media.get(c.id) ?? null,
    };
  });
}

async function agencyNames(ctx: AppContext) {
  const all = await ctx.db.agency.findMany({ select: { code: true, name: true } });
  return new Map(all.map((a) => [a.code, a.name]));
}

/** media_url of complaints filed through Open311 (read back from the stored request). */
async function mediaUrls(ctx: AppContext, complaintIds: string[]): Promise<Map<string, string>> {
  const messages = await ctx.db.message.findMany({
    where: { complaintId: { in: complaintIds }, channel: 'open311', direction: 'inbound' },
    select: { complaintId: true, payload: true },
  });
  const out = new Map<string, string>();
  for (const m of messages) {
    const raw = (JSON.parse(m.payload) as { raw?: { media_url?: unknown } }).raw;
    if (m.complaintId && typeof raw?.media_url === 'string') out.set(m.complaintId, raw.media_url);
  }
  return out;
}
