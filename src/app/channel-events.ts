// What intake does with traffic that is not a citizen's new message in a private chat: edits, deletions,
// reactions, delivery statuses, service and membership updates, and group messages. All of it is stored (the
// caller stored the row already) and recorded here; nothing is answered, except a group message that
// addresses the bot, which is asked to move to a private chat.
import type { IncomingMessage } from '../channels/contract.js';
import type { Tx } from '../db/client.js';
import { truncateText } from '../domain/text-hygiene.js';
import { TEXTS } from '../domain/texts.js';
import { applyDeliveryStatus } from '../outbox/delivery-status.js';
import { enqueue } from '../outbox/enqueue.js';
import { setReachable } from '../outbox/reachability.js';
import { classificationFields } from './complaint-fields.js';
import type { AppContext } from './context.js';

/** Longest complaint text (the same bound intake keeps). */
const MAX_TEXT_CHARS = 10_000;
/** A complaint is "still being written" while nobody has verified it: edits then change its text. */
const EDITABLE_STATUS = 'received';

const EVENT_KINDS = ['edit', 'delete', 'reaction', 'status', 'system'];

type Step = { tx: Tx; ctx: AppContext; messageId: string; msg: IncomingMessage };

/** Handles events and group messages; returns false for a new private message (the normal pipeline's). */
export async function handleChannelEvent(tx: Tx, ctx: AppContext, messageId: string, msg: IncomingMessage) {
  const step = { tx, ctx, messageId, msg };
  const event = msg.event;
  if (event?.type === 'edit') return finish(step, 'edit', await applyEdit(step, event.target));
  if (event?.type === 'delete') return finish(step, 'delete', await applyDelete(step, event.target));
  if (event?.type === 'reaction') return finish(step, 'reaction', await originalOf(step, event.target));
  if (event?.type === 'status') {
    const outcome = await applyDeliveryStatus(tx, event, msg.receivedAt, ctx.now());
    if (outcome === 'unknown') ctx.logger.debug({ target: event.target }, 'delivery status for no outbox row');
    return finish(step, 'status', null);
  }
  if (event?.type === 'system') {
    if (event.reachable !== undefined) {
      const reason = event.reachable ? '' : `${msg.channel}: ${event.description}`;
      await setReachable(
        tx,
        { channel: msg.channel, externalId: msg.sender.externalId },
        event.reachable,
        reason,
        ctx.now(),
      );
    }
    return finish(step, 'system', null);
  }
  if (msg.conversation?.type === 'group') {
    if (msg.conversation.addressed) {
      await enqueue(tx, {
        dedupeKey: `reply:${messageId}`,
        address: msg.replyAddress,
        kind: 'group_ask_private',
        text: TEXTS.groupAskPrivate(ctx.city.name),
      });
    }
    return finish(step, 'group', null);
  }
  return false;
}

type Original = {
  id: string;
  text: string | null;
  complaintId: string | null;
  reporterId: string | null;
  payload: string;
};

/** The stored inbound message an event refers to, by the platform's id. */
function originalOf({ tx, msg }: Step, target: string): Promise<Original | null> {
  return tx.message.findFirst({
    // An edit row carries the same platform id as the message it edits (Telegram): only the message counts.
    where: { channel: msg.channel, platformMessageId: target, direction: 'inbound', kind: { notIn: EVENT_KINDS } },
    select: { id: true, text: true, complaintId: true, reporterId: true, payload: true },
    orderBy: { createdAt: 'asc' },
  });
}

/** Keeps the earlier text in payload.history, stores the new one, and edits the complaint while it is new. */
async function applyEdit(step: Step, target: string): Promise<Original | null> {
  const { tx, ctx, msg } = step;
  const original = await originalOf(step, target);
  if (!original) return null;
  const payload = JSON.parse(original.payload) as { history?: { text: string | null; replacedAt: string }[] };
  const history = [...(payload.history ?? []), { text: original.text, replacedAt: msg.receivedAt.toISOString() }];
  await tx.message.update({
    where: { id: original.id },
    data: { text: msg.text, editedAt: msg.receivedAt, payload: JSON.stringify({ ...payload, history }) },
  });
  if (!original.complaintId) return original;
  const complaint = await tx.complaint.findUnique({ where: { id: original.complaintId } });
  if (!complaint || complaint.status !== EDITABLE_STATUS) return original;
  const before = original.text ?? '';
  // The complaint text is its messages joined by newlines: replace this message's part, or add the new text.
  const text =
    before && complaint.text.includes(before)
      ? complaint.text.replace(before, msg.text)
      : [complaint.text, msg.text].filter(Boolean).join('\n');
  const combined = truncateText(text, MAX_TEXT_CHARS);
  await tx.complaint.update({
    where: { id: complaint.id },
    data: { text: combined, ...classificationFields(ctx, combined) },
  });
  return original;
}

/** Marks the message deleted and leaves admins an internal note on its complaint (the text stays for audit). */
async function applyDelete(step: Step, target: string): Promise<Original | null> {
  const { tx, msg } = step;
  const original = await originalOf(step, target);
  if (!original) return null;
  await tx.message.update({ where: { id: original.id }, data: { deletedAt: msg.receivedAt } });
  if (original.complaintId) {
    await tx.complaintNote.create({
      data: {
        complaintId: original.complaintId,
        authorName: 'Sistem',
        visibility: 'internal',
        body: `Pelapor menghapus salah satu pesannya di ${msg.channel}: "${truncateText(original.text ?? '', 300)}"`,
      },
    });
  }
  return original;
}

/** Marks the event's own row processed, linked to what it was about; no reply is written. */
async function finish({ tx, ctx, messageId }: Step, disposition: string, original: Original | null) {
  const now = ctx.now();
  await tx.message.update({
    where: { id: messageId },
    data: {
      state: 'processed',
      processedAt: now,
      disposition,
      complaintId: original?.complaintId ?? null,
      reporterId: original?.reporterId ?? null,
      error: null,
      nextAttemptAt: null,
    },
  });
  return true;
}
