// What the database knows about a channel's health, the same on every instance (the one that polls a channel
// may not be the one an admin asks): when it last received a message, last delivered one, and last failed to.
import type { Db } from '../db/client.js';

/** A channel's recent activity and the state it suggests. */
export interface ChannelActivity {
  state: 'connected' | 'disconnected';
  lastInboundAt: Date | null;
  lastSentAt: Date | null;
  lastFailure: { at: Date; error: string } | null;
}

/** Reads a channel's activity; a failure newer than the last successful send means it is not delivering now. */
export async function channelActivity(db: Db, channel: string): Promise<ChannelActivity> {
  const [inbound, sent, failure] = await Promise.all([
    db.message.findFirst({
      where: { channel, direction: 'inbound' },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    }),
    db.outbox.findFirst({
      where: { channel, sentAt: { not: null } },
      orderBy: { sentAt: 'desc' },
      select: { sentAt: true },
    }),
    db.deliveryAttempt.findFirst({
      where: { outcome: { in: ['retry', 'failed'] }, outbox: { channel } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true, error: true },
    }),
  ]);
  const lastSentAt = sent?.sentAt ?? null;
  const lastFailure = failure ? { at: failure.createdAt, error: failure.error ?? 'tidak diketahui' } : null;
  const failing = lastFailure !== null && (lastSentAt === null || lastFailure.at > lastSentAt);
  return {
    state: failing ? 'disconnected' : 'connected',
    lastInboundAt: inbound?.createdAt ?? null,
    lastSentAt,
    lastFailure,
  };
}

/** The activity in words for the administrator's page. */
export function describeActivity(a: ChannelActivity, format: (d: Date) => string): string {
  const parts = [
    a.lastInboundAt ? `pesan masuk terakhir ${format(a.lastInboundAt)}` : 'belum ada pesan masuk',
    a.lastSentAt ? `kiriman berhasil terakhir ${format(a.lastSentAt)}` : 'belum ada kiriman berhasil',
  ];
  if (a.state === 'disconnected' && a.lastFailure) {
    parts.push(`gagal mengirim sejak ${format(a.lastFailure.at)}: ${a.lastFailure.error.slice(0, 200)}`);
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
