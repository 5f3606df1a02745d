// Free-text replies from the desk to the reporter, through the outbox on the reporter's own channel (and to
// every reporter of a merged case). The requestId makes a double click send once: it is the dedupe key.
import type { Tx } from '../db/client.js';
import { DESK_TEXTS } from '../domain/texts.js';
import { enqueue } from '../outbox/enqueue.js';
import { caseRecipients, type Recipient, xDmAddress } from './case-recipients.js';
import type { AppContext } from './context.js';
import { complaintNotFound, DeskError, onceAfterRace } from './desk-errors.js';

/** Longest message each channel takes, in characters (X: a DM, or a public reply tweet). */
export const CHANNEL_LIMITS = { telegram: 4096, whatsapp: 4096, x_dm: 10_000, x_tweet: 280, web: 10_000 } as const;

/** The character limit for an address, and the address to use (a public X mention goes by DM when it can). */
export async function replyRoute(tx: Tx, r: Recipient, reporterId: string) {
  if (r.address.startsWith('x:tweet:')) {
    const dm = await xDmAddress(tx, reporterId);
    return dm ? { address: dm, limit: CHANNEL_LIMITS.x_dm } : { address: r.address, limit: CHANNEL_LIMITS.x_tweet };
  }
  if (r.address.startsWith('x:')) return { address: r.address, limit: CHANNEL_LIMITS.x_dm };
  const channel = r.address.slice(0, r.address.indexOf(':')) as keyof typeof CHANNEL_LIMITS;
  return { address: r.address, limit: CHANNEL_LIMITS[channel] ?? CHANNEL_LIMITS.web };
}

export interface ReplyRequest {
  trackingId: string;
  text: string;
  requestId: string;
  user: { id: string; email: string };
  /** Whether a channel is switched on in this deployment. */
  channelOn: (channel: string) => boolean;
  /** Restricts the complaint (officers: their agency). */
  scope: { assignedAgency?: string };
}

const channelOf = (address: string) => address.slice(0, address.indexOf(':'));
const chars = (s: string) => [...s].length;

/** Queues the reply; returns the outbox id and whether it was already queued by an earlier click. */
export async function sendReply(ctx: AppContext, req: ReplyRequest) {
  const result = await onceAfterRace(() =>
    ctx.db.$transaction(async (tx) => {
      const c = await tx.complaint.findFirst({ where: { trackingId: req.trackingId, ...req.scope } });
      if (!c) throw complaintNotFound(req.trackingId);
      const key = (complaintId: string) => `reply:${complaintId}:${req.requestId}`;
      const earlier = await tx.outbox.findUnique({ where: { dedupeKey: key(c.id) }, select: { id: true } });
      if (earlier) return { outboxId: earlier.id, duplicate: true };
      // A reply on a duplicate goes to its own reporter; a reply on a case goes to every merged reporter too.
      const recipients = c.mergedIntoId ? (await caseRecipients(tx, c)).slice(0, 1) : await caseRecipients(tx, c);
      const reporters = await tx.complaint.findMany({
        where: { id: { in: recipients.map((r) => r.complaintId) } },
        select: { id: true, reporterId: true },
      });
      const reporterOf = new Map(reporters.map((x) => [x.id, x.reporterId]));
      let outboxId = '';
      for (const r of recipients) {
        const route = await checkRecipient(tx, r, reporterOf.get(r.complaintId) ?? c.reporterId, req);
        const text = DESK_TEXTS.reply(r.trackingId, req.text.trim());
        await enqueue(tx, {
          dedupeKey: key(r.complaintId),
          address: route.address,
          complaintId: r.complaintId,
          kind: 'reply',
          text,
        });
        const row = await tx.outbox.update({ where: { dedupeKey: key(r.complaintId) }, data: { userId: req.user.id } });
        if (r.complaintId === c.id) outboxId = row.id;
      }
      return { outboxId, duplicate: false };
    }),
  );
  if (!result.duplicate) ctx.onOutboxWrite();
  return result;
}

/** Refuses a reply nobody could receive: a blocked reporter, a channel switched off, a text too long. */
async function checkRecipient(tx: Tx, r: Recipient, reporterId: string, req: ReplyRequest) {
  if (r.reporterBlocked) {
    throw new DeskError(
      409,
      'reporter_blocked',
      `Pelapor laporan ${r.trackingId} diblokir, sehingga balasan tidak dapat dikirim.`,
    );
  }
  const route = await replyRoute(tx, r, reporterId);
  // Like a blocked reporter: the platform said this address cannot be reached, so a queued reply would only fail.
  const unreachable = await tx.channelIdentity.findFirst({
    where: { address: route.address, unreachableAt: { not: null } },
    select: { id: true },
  });
  if (unreachable) {
    throw new DeskError(
      409,
      'reporter_unreachable',
      `Pelapor laporan ${r.trackingId} tidak dapat dihubungi lewat kanal ${channelOf(route.address)} (misalnya karena memblokir akun layanan kita), sehingga balasan tidak dapat dikirim.`,
    );
  }
  if (!req.channelOn(channelOf(route.address))) {
    throw new DeskError(
      409,
      'channel_off',
      `Kanal ${channelOf(route.address)} sedang tidak aktif, sehingga balasan untuk laporan ${r.trackingId} belum dapat dikirim.`,
    );
  }
  const room = route.limit - chars(DESK_TEXTS.reply(r.trackingId, ''));
  if (chars(req.text.trim()) > room) {
    const how = route.address.startsWith('x:tweet:')
      ? ' (balasan publik di X; pelapor belum dapat dihubungi lewat pesan langsung)'
      : '';
    throw new DeskError(400, 'too_long', `Balasan terlalu panjang: maksimal ${room} karakter untuk kanal ini${how}.`);
  }
  return route;
}
