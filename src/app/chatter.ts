// Chatter stays chatter. A message the classifier judges not a complaint (BUKAN_ADUAN) with at least the
// configured confidence (CHATTER_THRESHOLD) opens no complaint and gets no tracking ID: it is stored with
// disposition 'chatter' and waits in the admin list (GET /api/chatter), where an admin can promote it into a
// complaint, and only then does the reporter get the acknowledgement. On X nothing is posted in public.
// The classifier's review threshold is deliberately not used: it asks "is the agency sure enough to skip
// review", which a greeting almost never is, so every greeting used to become a complaint.
import type { Classification } from '../classifier/types.js';
import type { Tx } from '../db/client.js';
import type { AppContext } from './context.js';

/** The decision rule: not a complaint, confidently enough. */
export function isChatter(ctx: Pick<AppContext, 'chatterThreshold'>, c: Classification): boolean {
  return c.agency === 'BUKAN_ADUAN' && c.confidence >= ctx.chatterThreshold;
}

/** Marks a stored message as chatter waiting for an admin. */
export async function markChatter(tx: Tx, messageId: string): Promise<void> {
  await tx.message.update({ where: { id: messageId }, data: { disposition: 'chatter' } });
}
