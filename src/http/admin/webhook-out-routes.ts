// Outgoing webhooks for other city systems (administrators only): subscribers (the secret is shown once, at
// creation), their deliveries, and sending a failed delivery again.
import { z } from 'zod';
import { ADMIN_ONLY } from '../../app/roles.js';
import { WEBHOOK_EVENTS } from '../../webhooks/events.js';
import {
  createSubscriber,
  listDeliveries,
  listSubscribers,
  retryDelivery,
  updateSubscriber,
} from '../../webhooks/subscribers.js';
import { WebhookTargetError } from '../../webhooks/target.js';
import { HttpError } from '../errors.js';
import { type AdminDeps, idParams } from './deps.js';
import { defineRoute } from './route.js';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pilih minimal satu peristiwa');
const newSubscriber = z.object({
  name: z.string().trim().min(2).max(120),
  url: z.string().trim().min(8).max(2000),
  events,
});
const subscriberPatch = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  url: z.string().trim().min(8).max(2000).optional(),
  events: events.optional(),
  active: z.boolean().optional(),
});
const deliveryQuery = z.object({
  subscriberId: z.string().max(64).optional(),
  status: z.enum(['pending', 'sending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A refused URL is the admin's input error, said in Indonesian. */
async function checked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WebhookTargetError) throw new HttpError(400, 'url_not_allowed', err.message);
    throw err;
  }
}

type App = Parameters<typeof defineRoute>[0];
type Ctx = AdminDeps['ctx'];

const tag = 'webhooks';
const allowPrivate = (ctx: Ctx) => ctx.webhooks?.allowPrivateTargets ?? false;

export function registerWebhookOutRoutes(deps: AdminDeps, app: App) {
  registerSubscriberRoutes(deps.ctx, app);
  registerSubscriberChangeRoutes(deps.ctx, app);
  registerDeliveryRoutes(deps.ctx, app);
}

function registerSubscriberRoutes(ctx: Ctx, app: App) {
  defineRoute(
    app,
    { method: 'GET', url: '/api/webhooks/subscribers', roles: ADMIN_ONLY, summary: 'Pelanggan webhook', tag },
    async () => ({ items: await listSubscribers(ctx.db), events: WEBHOOK_EVENTS }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/webhooks/subscribers',
      roles: ADMIN_ONLY,
      summary: 'Tambah pelanggan webhook (rahasia ditampilkan sekali)',
      tag,
      body: newSubscriber,
      audit: 'webhook_subscriber_create',
    },
    async ({ body, reply }) => {
      const created = await checked(() => createSubscriber(ctx.db, body, allowPrivate(ctx)));
      return reply.code(201).send(created);
    },
  );
}

function registerSubscriberChangeRoutes(ctx: Ctx, app: App) {
  defineRoute(
    app,
    {
      method: 'PATCH',
      url: '/api/webhooks/subscribers/:id',
      roles: ADMIN_ONLY,
      summary: 'Ubah pelanggan webhook',
      tag,
      params: idParams,
      body: subscriberPatch,
      audit: 'webhook_subscriber_update',
    },
    async ({ params, body }) => {
      const updated = await checked(() => updateSubscriber(ctx.db, params.id, body, allowPrivate(ctx)));
      if (!updated) throw new HttpError(404, 'not_found', 'Pelanggan webhook tidak ditemukan.');
      return updated;
    },
  );
  defineRoute(
    app,
    {
      method: 'DELETE',
      url: '/api/webhooks/subscribers/:id',
      roles: ADMIN_ONLY,
      summary: 'Hapus pelanggan webhook (beserta riwayat pengirimannya)',
      tag,
      params: idParams,
      audit: 'webhook_subscriber_delete',
    },
    async ({ params }) => {
      const { count } = await ctx.db.webhookSubscriber.deleteMany({ where: { id: params.id } });
      if (count === 0) throw new HttpError(404, 'not_found', 'Pelanggan webhook tidak ditemukan.');
      return { deleted: true };
    },
  );
}

function registerDeliveryRoutes(ctx: Ctx, app: App) {
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/webhooks/deliveries',
      roles: ADMIN_ONLY,
      summary: 'Riwayat pengiriman webhook',
      tag,
      query: deliveryQuery,
    },
    async ({ query }) => ({ items: await listDeliveries(ctx.db, query) }),
  );
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/webhooks/deliveries/:id/retry',
      roles: ADMIN_ONLY,
      summary: 'Kirim ulang pengiriman webhook yang gagal',
      tag,
      params: idParams,
      audit: 'webhook_delivery_retry',
    },
    async ({ params }) => {
      if (!(await retryDelivery(ctx.db, params.id, ctx.now()))) {
        throw new HttpError(409, 'not_failed', 'Hanya pengiriman yang gagal yang dapat dikirim ulang.');
      }
      ctx.onOutboxWrite();
      return { retried: true };
    },
  );
}
