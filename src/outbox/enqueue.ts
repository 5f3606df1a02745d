// Writing replies into the outbox. Always called inside the transaction that caused the reply.

import { parseAddress } from '../channels/contract.js';
import type { Tx } from '../db/client.js';

export interface OutboxItem {
  /** One row per logical notification: enqueueing the same key twice is a no-op. */
  dedupeKey: string;
  address: string;
  complaintId?: string | null;
  kind: string;
  text: string;
  /** Earlier rows are sent first; an emergency advice gets a timestamp a moment before the acknowledgement. */
  notBefore?: Date;
}

/**
 * Inserts the message unless a row with the same dedupe key exists. Returns true when inserted.
 * The unique index on dedupeKey is the real guard: a concurrent duplicate fails its transaction (P2002)
 * instead of sending twice. The read first only avoids aborting the caller's transaction in the common case.
 */
export async function enqueue(tx: Tx, item: OutboxItem): Promise<boolean> {
  const { channel } = parseAddress(item.address);
  const existing = await tx.outbox.findUnique({ where: { dedupeKey: item.dedupeKey }, select: { id: true } });
  if (existing) return false;
  await tx.outbox.create({
    data: {
      dedupeKey: item.dedupeKey,
      channel,
      address: item.address,
      complaintId: item.complaintId ?? null,
      kind: item.kind,
      text: item.text,
      nextAttemptAt: item.notBefore ?? new Date(),
    },
  });
  return true;
}
