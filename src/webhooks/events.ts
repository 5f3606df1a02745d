// Outgoing webhook events, recorded in the transaction of the change that caused them: one delivery row per
// subscriber, sent later by the webhook worker. If the change rolls back, so does the event; if the process
// dies after the commit, the row is still there to send.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/client.js';

/** The events a subscriber can choose. */
export const WEBHOOK_EVENTS = ['complaint.created', 'complaint.status_changed', 'complaint.rated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The complaint as other city systems see it: no text, no reporter, nothing a private report is known by. */
export interface ComplaintEventData {
  trackingId: string;
  status: string;
  previousStatus?: string | null;
  agency: string | null;
  channel: string;
  /** biasa (named) | anonim | rahasia: receivers must not publish a rahasia complaint. */
  privacy: string;
  createdAt: Date;
  resolvedAt: Date | null;
  rating?: number | null;
  /** A merged duplicate names the case it belongs to. */
  caseTrackingId?: string | null;
}

/** Subscribers' stored event lists are comma-separated. */
export const parseEvents = (events: string): WebhookEvent[] =>
  events
    .split(',')
    .map((e) => e.trim())
    .filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e));

/**
 * Stores the event for every active subscriber that chose it; returns how many deliveries were written. The
 * body is serialised here once, so every retry sends (and signs) exactly the same bytes.
 */
export async function recordWebhookEvent(
  tx: Tx,
  event: WebhookEvent,
  data: ComplaintEventData,
  at: Date,
): Promise<number> {
  const subscribers = await tx.webhookSubscriber.findMany({
    where: { active: true, events: { contains: event } },
    select: { id: true, events: true },
  });
  const targets = subscribers.filter((s) => parseEvents(s.events).includes(event));
  if (targets.length === 0) return 0;
  const eventId = randomUUID();
  const payload = JSON.stringify({ id: eventId, type: event, occurredAt: at.toISOString(), data });
  await tx.webhookDelivery.createMany({
    data: targets.map((s) => ({ subscriberId: s.id, eventId, event, payload, nextAttemptAt: at, createdAt: at })),
  });
  return targets.length;
}

type ComplaintLike = {
  trackingId: string;
  status: string;
  assignedAgency: string | null;
  channel: string;
  privacy: string;
  createdAt: Date;
  resolvedAt: Date | null;
};

/** The event data of a complaint row. */
export function complaintEventData(c: ComplaintLike, extra: Partial<ComplaintEventData> = {}): ComplaintEventData {
  return {
    trackingId: c.trackingId,
    status: c.status,
    agency: c.assignedAgency,
    channel: c.channel,
    privacy: c.privacy,
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    ...extra,
  };
}
