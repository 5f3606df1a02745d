// An address the platform says cannot be reached (the user blocked the bot) stops receiving sends: every send
// would fail the same way, and on WhatsApp repeated failures hurt the number's quality rating.
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
