// A reporter acting on one of their own complaints from the web channel's private page: add information or
// answer, reopen ("not fixed"), confirm ("fixed"), rate the handling. Runs inside intake's transaction, after
// the message is stored, so each action is idempotent through the message's unique index.
import type { IncomingMessage, ReporterFollowUp } from '../channels/contract.js';
import type { Tx } from '../db/client.js';
import type { Status } from '../domain/process.js';
import { truncateText } from '../domain/text-hygiene.js';
import { reopenedByReporter } from '../domain/texts.js';
import { enqueue } from '../outbox/enqueue.js';
import { addAttachments, MAX_TEXT_CHARS } from './complaint-fields.js';
import type { AppContext } from './context.js';
import { onRated } from './satisfaction.js';
import { transitionInTx } from './transitions.js';

const MAX_RATING_COMMENT = 2_000;
const REOPENABLE: readonly Status[] = ['resolved', 'archived'];

/** Texts the reporter reads on their private page after an action. */
export const FOLLOW_UP_TEXTS = {
  added: (id: string) => `Terima kasih, informasi tambahan untuk laporan ${id} sudah kami terima.`,
  confirmed: (id: string) =>
    `Terima kasih atas konfirmasi Anda bahwa laporan ${id} sudah selesai ditangani. Silakan beri penilaian atas penanganannya.`,
  rated: (id: string) =>
    `Terima kasih atas penilaian Anda untuk laporan ${id}. Masukan Anda membantu kami memperbaiki layanan.`,
};

export interface FollowUpInput {
  msg: IncomingMessage & { followUp: ReporterFollowUp };
  messageId: string;
  reporterId: string;
}

/** Applies a follow-up; returns the complaint it touched, or null when it is not this reporter's complaint. */
export async function applyFollowUp(tx: Tx, ctx: AppContext, input: FollowUpInput) {
  const { msg, messageId, reporterId } = input;
  const complaint = await tx.complaint.findFirst({ where: { trackingId: msg.followUp.trackingId, reporterId } });
  // A tracking ID alone proves nothing: only the reporter's own identity (the private link) may act on it.
  if (!complaint) return null;
  const now = ctx.now();
  const text = msg.text.trim();
  const status = complaint.status as Status;
  const reply = (kind: string, body: string) =>
    enqueue(tx, {
      dedupeKey: `reply:${messageId}`,
      address: msg.replyAddress,
      complaintId: complaint.id,
      kind,
      text: body,
    });
  const ref = { id: complaint.id, trackingId: complaint.trackingId };
  const { action } = msg.followUp;

  if (action === 'rate') {
    const rating = msg.followUp.rating;
    if (complaint.resolvedAt === null || !rating || rating < 1 || rating > 5) return ref;
    await tx.complaint.update({
      where: { id: complaint.id },
      data: { rating, ratingComment: text ? truncateText(text, MAX_RATING_COMMENT) : null, ratedAt: now },
    });
    await onRated(tx, ctx, complaint, rating);
    await reply('rated', FOLLOW_UP_TEXTS.rated(complaint.trackingId));
    return ref;
  }
  if (action === 'confirm') {
    if (status !== 'resolved') return ref;
    await tx.statusEvent.create({
      data: { complaintId: complaint.id, actor: 'reporter', action: 'confirm', fromStatus: status, toStatus: status },
    });
    await reply('confirmed', FOLLOW_UP_TEXTS.confirmed(complaint.trackingId));
    return ref;
  }
  if (text || msg.attachments.length) {
    const combined = text ? truncateText([complaint.text, text].join('\n'), MAX_TEXT_CHARS) : complaint.text;
    await tx.complaint.update({ where: { id: complaint.id }, data: { text: combined, lastMessageAt: now } });
    await addAttachments(tx, complaint.id, messageId, msg);
  }
  // A duplicate merged into a case follows the case: "not fixed" reopens the case, for every reporter in it.
  const caseRow = complaint.mergedIntoId
    ? await tx.complaint.findUnique({
        where: { id: complaint.mergedIntoId },
        select: { trackingId: true, status: true },
      })
    : null;
  const target = caseRow ?? { trackingId: complaint.trackingId, status };
  if (action === 'reopen' && REOPENABLE.includes(target.status as Status)) {
    await transitionInTx(tx, ctx, { trackingId: target.trackingId, action: 'reopen', actor: 'reporter' });
    await reply('reopened', reopenedByReporter(complaint.trackingId));
  } else if (text || msg.attachments.length) {
    await reply('added', FOLLOW_UP_TEXTS.added(complaint.trackingId));
  }
  return ref;
}
