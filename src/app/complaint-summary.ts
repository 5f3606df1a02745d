// How the admin desk sees one complaint in a list: the Summary of the API contract, masked per role.
import { maskPersonalData } from '../domain/privacy.js';
import { type ClockFields, complaintClocks } from '../domain/sla.js';
import { canSeeReporter, type SessionUser } from './roles.js';

/** The complaint columns a summary reads (plus the reporter for the label). */
export type SummaryRow = ClockFields & {
  id: string;
  trackingId: string;
  channel: string;
  suggestedAgency: string | null;
  suggestionConfidence: number | null;
  needsReview: boolean;
  assignedAgency: string | null;
  jurisdiction: string | null;
  privacy: string;
  text: string;
  createdAt: Date;
  lastMessageAt: Date;
  latitude: number | null;
  longitude: number | null;
  locationText: string | null;
  mergedIntoId: string | null;
  reporter?: { displayName: string | null; phone: string | null } | null;
};

/** Who reported, as this user may see it. */
export function reporterLabel(user: SessionUser, c: SummaryRow): string {
  if (!canSeeReporter(user, c.privacy)) return 'Pelapor anonim';
  return c.reporter?.displayName ?? c.reporter?.phone ?? 'Pelapor';
}

/** The complaint text as this user may read it: officers get personal data masked on anonim/rahasia reports. */
export function visibleText(user: SessionUser, privacy: string, text: string): string {
  return canSeeReporter(user, privacy) ? text : maskPersonalData(text);
}

function clockView(c: { dueAt: Date; state: string } | null, now: Date) {
  return c ? { dueAt: c.dueAt, state: c.state, msLeft: c.dueAt.getTime() - now.getTime() } : null;
}

/** The list item of the contract. */
export function summary(c: SummaryRow, user: SessionUser, now: Date) {
  const clocks = complaintClocks(c, now);
  return {
    trackingId: c.trackingId,
    status: c.status,
    channel: c.channel,
    suggestedAgency: c.suggestedAgency,
    confidence: c.suggestionConfidence,
    needsReview: c.needsReview,
    assignedAgency: c.assignedAgency,
    jurisdiction: c.jurisdiction,
    privacy: c.privacy,
    excerpt: [...visibleText(user, c.privacy, c.text)].slice(0, 200).join(''),
    location: c.latitude !== null && c.longitude !== null ? { latitude: c.latitude, longitude: c.longitude } : null,
    locationText: c.locationText,
    createdAt: c.createdAt,
    lastMessageAt: c.lastMessageAt,
    mergedIntoId: c.mergedIntoId,
    reporterLabel: reporterLabel(user, c),
    clocks: { verify: clockView(clocks.verify, now), followUp: clockView(clocks.followUp, now) },
    version: c.updatedAt.toISOString(),
  };
}
