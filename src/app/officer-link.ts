// Intake's step for "TAUTKAN 482913": an officer links the chat they write from to their admin account, so
// reminders and digests reach them there. Such a message is no complaint: no reporter welcome, no tracking ID.
import type { IncomingMessage } from '../channels/contract.js';
import type { Tx } from '../db/client.js';
import { enqueue } from '../outbox/enqueue.js';
import { parseCommand } from './commands.js';
import type { AppContext } from './context.js';
import { consumeLinkCode, LINK_CODE_KEY } from './officer-link-code.js';
import { LINK_TEXTS } from './officer-link-texts.js';

/** Wrong codes one chat address may send per hour before it is refused without looking (stops guessing). */
export const LINK_ATTEMPTS_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

export interface OfficerLinkInput {
  messageId: string;
  msg: IncomingMessage;
  /** The digits after TAUTKAN; null when the officer sent the word alone. */
  code: string | null;
}

/**
 * Intake's step: true when the message was a link command (handled: no reporter, no complaint, no welcome).
 * Runs after channel events and before the reporter is resolved; only private chats (a code in a group is
 * readable by everyone there, and group messages are handled earlier anyway).
 */
export async function officerLinkStep(tx: Tx, ctx: AppContext, messageId: string, msg: IncomingMessage) {
  if (msg.explicit || msg.public || msg.followUp || msg.conversation?.type === 'group') return false;
  if (msg.channel !== 'telegram' && msg.channel !== 'whatsapp') return false;
  const command = parseCommand(msg.text);
  if (command?.name !== 'link') return false;
  await handleOfficerLink(tx, ctx, { messageId, msg, code: command.code });
  return true;
}

/** Handles a link command inside intake's transaction; marks the message processed (disposition officer_link). */
export async function handleOfficerLink(tx: Tx, ctx: AppContext, input: OfficerLinkInput): Promise<void> {
  const now = ctx.now();
  const { msg, messageId } = input;
  const reply = async (kind: string, text: string) => {
    await enqueue(tx, { dedupeKey: `reply:${messageId}`, address: msg.replyAddress, kind, text });
  };
  await tx.message.update({
    where: { id: messageId },
    data: { state: 'processed', processedAt: now, disposition: 'officer_link', error: null, nextAttemptAt: null },
  });
  if (input.code === null) return reply('officer_link', LINK_TEXTS.missingCode);
  const since = new Date(now.getTime() - HOUR_MS);
  const failures = await tx.officerLinkAttempt.count({
    where: { address: msg.replyAddress, createdAt: { gt: since } },
  });
  if (failures >= LINK_ATTEMPTS_PER_HOUR) return reply('officer_link', LINK_TEXTS.tooMany);
  const userId = await takeCode(tx, input.code, now);
  const user = userId ? await tx.user.findUnique({ where: { id: userId } }) : null;
  if (!user) {
    await tx.officerLinkAttempt.create({ data: { address: msg.replyAddress, createdAt: now } });
    return reply('officer_link', LINK_TEXTS.wrongCode(LINK_ATTEMPTS_PER_HOUR - failures - 1));
  }
  if (user.disabled) return reply('officer_link', LINK_TEXTS.disabledUser);
  // The chat's owner decides where it belongs: a chat linked before to another user moves to this one.
  await tx.officerChannel.upsert({
    where: { address: msg.replyAddress },
    create: {
      userId: user.id,
      channel: msg.channel,
      address: msg.replyAddress,
      displayName: msg.sender.displayName ?? null,
      createdAt: now,
    },
    update: { userId: user.id, displayName: msg.sender.displayName ?? null, createdAt: now },
  });
  await tx.auditLog.create({
    data: {
      userId: user.id,
      actor: user.email,
      action: 'officer_channel_link',
      targetType: 'officer_channel',
      targetId: msg.replyAddress,
      createdAt: now,
    },
  });
  return reply('officer_link', LINK_TEXTS.linked(user.name, ctx.city.name));
}

/** The code's user, or null. No key yet means no code was ever handed out. */
async function takeCode(tx: Tx, code: string, now: Date): Promise<string | null> {
  const key = await tx.keyValue.findUnique({ where: { key: LINK_CODE_KEY } });
  if (!key) return null;
  return consumeLinkCode(tx, Buffer.from(key.value, 'base64'), code, now);
}

/** The chat accounts a user linked (for "Akun saya"). */
export function listOfficerChannels(db: AppContext['db'], userId: string) {
  return db.officerChannel.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, channel: true, address: true, displayName: true, createdAt: true },
  });
}

/** Unlinks one of the user's own chat accounts; false when it is not theirs (or already gone). */
export async function unlinkOfficerChannel(db: AppContext['db'], userId: string, id: string): Promise<boolean> {
  const { count } = await db.officerChannel.deleteMany({ where: { id, userId } });
  return count === 1;
}
