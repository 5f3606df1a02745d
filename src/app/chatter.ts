// Chatter stays chatter. A message the classifier judges not a complaint opens no complaint and gets no
// tracking ID: it is stored with disposition 'chatter' and waits in the admin list (GET /api/chatter), where an
// admin can promote it into a complaint, and only then does the reporter get the acknowledgement. On X nothing
// is posted in public. The judgement is the classifier's own not-a-complaint verdict (BUKAN_ADUAN without
// review), whose threshold is fitted so that at most 3% of complaints are held back, stored in the model and
// re-fitted on the city's own decisions by `kanal-aduan calibrate` (docs/classifier.md): one home for it.
import type { Classification } from '../classifier/types.js';
import type { Tx } from '../db/client.js';

/** The decision rule: the classifier's not-a-complaint verdict. */
export function isChatter(c: Classification): boolean {
  return c.agency === 'BUKAN_ADUAN' && !c.needsReview;
}

/** Marks a stored message as chatter waiting for an admin. */
export async function markChatter(tx: Tx, messageId: string): Promise<void> {
  await tx.message.update({ where: { id: messageId }, data: { disposition: 'chatter' } });
}
