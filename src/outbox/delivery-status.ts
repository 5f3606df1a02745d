// Delivery statuses a platform reports after it accepted a message (WhatsApp: sent, delivered, read, failed)
// move the Outbox row on. A failure after acceptance is sent again when the platform says the reason is
// transient, and otherwise left `failed` with the platform's reason, where admins see it.
import type { InboundEvent } from '../channels/contract.js';
import type { Tx } from '../db/client.js';

/** Order of the statuses: an out-of-order receipt (Meta does not guarantee order) never moves a row back. */
const RANK: Record<string, number> = { sending: 0, sent: 1, delivered: 2, read: 3 };
const DELIVERED = 2;
/** Sends of one row after failures reported post-acceptance; then it stays failed for an admin. */
export const MAX_DELIVERY_ATTEMPTS = 4;
/** Wait before sending again after a transient post-acceptance failure: 1, 2, 4 … minutes. */
const RETRY_BASE_MS = 60_000;

type StatusEvent = Extract<InboundEvent, { type: 'status' }>;

/** What the status did to the row: nothing (unknown or stale), moved on, retried, or failed for good. */
export type DeliveryOutcome = 'unknown' | 'stale' | 'updated' | 'retry' | 'failed';

/** Applies one delivery status to the Outbox row whose send returned `event.target`. */
export async function applyDeliveryStatus(tx: Tx, event: StatusEvent, at: Date, now: Date): Promise<DeliveryOutcome> {
  const row = await tx.outbox.findFirst({ where: { platformMessageId: event.target } });
  if (!row) return 'unknown';
  if (event.status === 'failed') return fail(tx, row, event, now);
  const rank = RANK[event.status];
  // A receipt for a row already failed or re-queued, or one older than what we know: nothing to do.
  if (rank === undefined || (RANK[row.status] ?? 99) >= rank) return 'stale';
  await tx.outbox.update({
    where: { id: row.id },
    data: { status: event.status, ...(rank >= DELIVERED && !row.deliveredAt ? { deliveredAt: at } : {}) },
  });
  return 'updated';
}

async function fail(
  tx: Tx,
  row: { id: string; status: string; attempts: number },
  event: StatusEvent,
  now: Date,
): Promise<DeliveryOutcome> {
  if (row.status === 'failed' || row.status === 'pending') return 'stale';
  const reason = `delivery failed after the platform accepted it: ${event.failure?.reason ?? 'no reason given'}`;
  const transient = event.failure?.kind === 'transient' || event.failure?.kind === 'rate_limited';
  const retry = transient && row.attempts < MAX_DELIVERY_ATTEMPTS;
  await tx.outbox.update({
    where: { id: row.id },
    data: retry
      ? {
          status: 'pending',
          nextAttemptAt: new Date(now.getTime() + RETRY_BASE_MS * 2 ** (row.attempts - 1)),
          lastError: reason,
        }
      : { status: 'failed', lastError: reason },
  });
  await tx.deliveryAttempt.create({
    data: { outboxId: row.id, attempt: row.attempts, outcome: retry ? 'retry' : 'failed', error: reason },
  });
  return retry ? 'retry' : 'failed';
}
