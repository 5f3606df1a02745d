// Administrator's operations view: the state of each channel (with the WhatsApp Web QR), the outbox backlog,
// messages that could not be processed (with a retry), and the audit log.

import { z } from 'zod';
import { channelActivity, describeActivity } from '../../app/channel-activity.js';
import { retryDeadMessage } from '../../app/desk-changes.js';
import { ADMIN_ONLY } from '../../app/roles.js';
import { CHANNELS } from '../../channels/contract.js';
import { type AdminDeps, idParams } from './deps.js';
import { defineRoute } from './route.js';

type App = Parameters<typeof defineRoute>[0];

type ChannelState = 'connected' | 'disconnected' | 'off' | 'needs_qr';

/**
 * Channel states. WhatsApp Web reports its own (browser, QR); every other configured channel is judged by what
 * the database saw, the same on every instance: a send failure newer than the last delivery means it is not
 * delivering now. The detail says when it last received and delivered a message.
 */
async function channelStates(deps: AdminDeps) {
  let whatsappQr: string | null = null;
  const when = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: deps.ctx.city.timeZone,
  });
  const channels = await Promise.all(
    CHANNELS.map(async (name) => {
      const adapter = deps.adapters.get(name);
      if (!adapter) return { name, state: 'off' as ChannelState, detail: 'Kanal tidak diaktifkan di pengaturan.' };
      const health = adapter.health?.();
      if (health) {
        whatsappQr = health.qrDataUrl ?? whatsappQr;
        return { name, state: health.state, detail: health.detail };
      }
      const activity = await channelActivity(deps.ctx.db, name);
      return { name, state: activity.state as ChannelState, detail: describeActivity(activity, (d) => when.format(d)) };
    }),
  );
  return { channels, whatsappQr };
}

export function registerHealthRoutes(deps: AdminDeps, app: Parameters<typeof defineRoute>[0]) {
  registerChannelHealthRoute(deps, app);
  registerDeadMessageRoutes(deps, app);
  registerAuditRoute(deps, app);
}

/** A read-only operations route for administrators, without input. */
function operationsGet(app: App, url: string, summary: string, handler: () => Promise<unknown>) {
  defineRoute(app, { method: 'GET', url, roles: ADMIN_ONLY, summary, tag: 'operations' }, handler);
}

/** Channel states and backlogs. */
function registerChannelHealthRoute(deps: AdminDeps, app: App) {
  const { db } = deps.ctx;
  operationsGet(app, '/api/health/channels', 'Kesehatan kanal, antrean keluar, pesan gagal', async () => {
    const [pending, failed, failedByChannel, deadMessages] = await Promise.all([
      db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } }),
      db.outbox.count({ where: { status: 'failed' } }),
      db.outbox.groupBy({ by: ['channel'], where: { status: 'failed' }, _count: { _all: true } }),
      db.message.count({ where: { direction: 'inbound', state: 'dead' } }),
    ]);
    return {
      ...(await channelStates(deps)),
      outbox: {
        pending,
        failed,
        failedByChannel: Object.fromEntries(failedByChannel.map((r) => [r.channel, r._count._all])),
      },
      deadMessages,
    };
  });
}

/** Dead messages and their retry. */
function registerDeadMessageRoutes(deps: AdminDeps, app: App) {
  const { db } = deps.ctx;
  operationsGet(app, '/api/messages/dead', 'Pesan masuk yang tidak dapat diproses', async () => ({
    items: (
      await db.message.findMany({
        where: { direction: 'inbound', state: 'dead' },
        orderBy: { createdAt: 'desc' },
        take: 200,
      })
    ).map((m) => ({
      id: m.id,
      channel: m.channel,
      text: m.text,
      error: m.error,
      attempts: m.attempts,
      createdAt: m.createdAt,
    })),
  }));
  defineRoute(
    app,
    {
      method: 'POST',
      url: '/api/messages/:id/retry',
      roles: ADMIN_ONLY,
      summary: 'Proses ulang pesan yang gagal',
      tag: 'operations',
      params: idParams,
      audit: 'message_retry',
    },
    async ({ params }) => {
      await retryDeadMessage(deps.ctx, params.id);
      return { ok: true };
    },
  );
}

/** The audit log. */
function registerAuditRoute(deps: AdminDeps, app: App) {
  const { db } = deps.ctx;
  defineRoute(
    app,
    {
      method: 'GET',
      url: '/api/audit',
      roles: ADMIN_ONLY,
      summary: 'Log audit',
      tag: 'operations',
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).default(0),
      }),
    },
    async ({ query }) => {
      const [total, rows] = await Promise.all([
        db.auditLog.count(),
        db.auditLog.findMany({ orderBy: { createdAt: 'desc' }, take: query.limit, skip: query.offset }),
      ]);
      return {
        total,
        items: rows.map((r) => ({
          actor: r.actor,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
          ip: r.ip,
          createdAt: r.createdAt,
        })),
      };
    },
  );
}
