// An address the platform says cannot be reached (the user blocked the bot) stops receiving sends: every send
// would fail the same way, and on WhatsApp repeated failures hurt the number's quality rating.
import { ChannelSendError } from '../channels/contract.js';
import type { Db, Tx } from '../db/client.js';

/** Marks every identity behind an address unreachable, with the platform's reason (shown to admins). */
export async function markUnreachable(db: Db | Tx, address: string, reason: string, at: Date): Promise<number> {
  const { count } = await db.channelIdentity.updateMany({
    where: { address, unreachableAt: null },
    data: { unreachableAt: at, unreachableReason: reason.slice(0, 500) },
  });
  return count;
}

/** Marks an identity (by channel and sender id) reachable or unreachable, as a membership update said. */
export async function setReachable(
  tx: Tx,
  key: { channel: string; externalId: string },
  reachable: boolean,
  reason: string,
  at: Date,
): Promise<void> {
  await tx.channelIdentity.updateMany({
    where: { channel: key.channel, externalId: key.externalId },
    data: reachable
      ? { unreachableAt: null, unreachableReason: null }
      : { unreachableAt: at, unreachableReason: reason },
  });
}

/** Throws a permanent send error when the address belongs to an identity marked unreachable. */
export async function assertReachable(db: Db, address: string): Promise<void> {
  const blocked = await db.channelIdentity.findFirst({
    where: { address, unreachableAt: { not: null } },
    select: { unreachableReason: true },
  });
  if (blocked) {
    throw new ChannelSendError(`recipient unreachable: ${blocked.unreachableReason ?? 'blocked'}`, 'permanent');
  }
}
