// Subscribers of outgoing webhooks, managed by an admin: the secret is made here and shown once; deliveries
// can be listed and a failed one sent again.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { parseEvents, type WebhookEvent } from './events.js';
import { assertAllowedTarget } from './target.js';

export interface SubscriberInput {
  name: string;
  url: string;
  events: WebhookEvent[];
}

type SubscriberRow = {
  id: string;
  name: string;
  url: string;
  events: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** A subscriber as the API shows it: never the secret. */
export function subscriberView(s: SubscriberRow) {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    events: parseEvents(s.events),
    active: s.active,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** Creates a subscriber after checking its URL; returns it and its secret (the only time it is shown). */
export async function createSubscriber(db: Db, input: SubscriberInput, allowPrivate: boolean) {
  const url = await assertAllowedTarget(input.url, allowPrivate);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await db.webhookSubscriber.create({
    data: { name: input.name, url: url.toString(), secret, events: [...new Set(input.events)].join(',') },
  });
  return { subscriber: subscriberView(row), secret };
}

/** Changes a subscriber (a new URL is checked again); null when it does not exist. */
export async function updateSubscriber(
  db: Db,
  id: string,
  patch: Partial<SubscriberInput> & { active?: boolean },
  allowPrivate: boolean,
) {
  const existing = await db.webhookSubscriber.findUnique({ where: { id } });
  if (!existing) return null;
  const url = patch.url === undefined ? undefined : (await assertAllowedTarget(patch.url, allowPrivate)).toString();
  const row = await db.webhookSubscriber.update({
    where: { id },
    data: {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(url === undefined ? {} : { url }),
      ...(patch.events === undefined ? {} : { events: [...new Set(patch.events)].join(',') }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
    },
  });
  return subscriberView(row);
}

/** Every subscriber with how many of its deliveries are pending and failed. */
export async function listSubscribers(db: Db) {
  const [rows, counts] = await Promise.all([
    db.webhookSubscriber.findMany({ orderBy: { createdAt: 'asc' } }),
    db.webhookDelivery.groupBy({
      by: ['subscriberId', 'status'],
      where: { status: { in: ['pending', 'sending', 'failed'] } },
      _count: { _all: true },
    }),
  ]);
  const count = (id: string, statuses: string[]) =>
    counts.filter((c) => c.subscriberId === id && statuses.includes(c.status)).reduce((n, c) => n + c._count._all, 0);
  return rows.map((s) => ({
    ...subscriberView(s),
    pending: count(s.id, ['pending', 'sending']),
    failed: count(s.id, ['failed']),
  }));
}

export interface DeliveryFilter {
  subscriberId?: string;
  status?: 'pending' | 'sending' | 'delivered' | 'failed';
  limit: number;
}

/** The newest deliveries, failed ones easy to find. */
export async function listDeliveries(db: Db, f: DeliveryFilter) {
  const rows = await db.webhookDelivery.findMany({
    where: { ...(f.subscriberId ? { subscriberId: f.subscriberId } : {}), ...(f.status ? { status: f.status } : {}) },
    orderBy: { createdAt: 'desc' },
    take: f.limit,
    include: { subscriber: { select: { name: true } } },
  });
  return rows.map(({ lockedBy: _l, lockedUntil: _u, subscriber, ...d }) => ({ ...d, subscriberName: subscriber.name }));
}

/**
 * Sends a failed delivery again with a fresh set of attempts. Only a failed one: a pending or sending row is
 * already on its way, and a delivered one must not be sent twice by a double click. Returns false otherwise.
 */
export async function retryDelivery(db: Db, id: string, now: Date): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}
