// Who is writing: one reporter per person, with one identity per channel account. A phone number the platform
// proves (a WhatsApp sender, a contact shared on Telegram) links accounts of the same person; merging keeps
// everything. What a person types (the web form's contact field) is only stored: typing a number proves nothing.
import type { IncomingMessage } from '../channels/contract.js';
import type { Db, Tx } from '../db/client.js';

/** Normalises Indonesian phone numbers to +62… so "0812…", "62812…" and "+62 812-…" compare equal. */
export function normalisePhone(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let digits = raw.replace(/[^\d]/g, '');
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
}

/** Finds the reporter behind a message's sender, creating it (or linking it by phone) on first contact. */
export async function resolveReporter(tx: Tx, msg: IncomingMessage) {
  const identity = await tx.channelIdentity.findUnique({
    where: { channel_externalId: { channel: msg.channel, externalId: msg.sender.externalId } },
    include: { reporter: true },
  });
  if (identity) {
    await tx.channelIdentity.update({
      where: { id: identity.id },
      data: {
        lastInboundAt: latest(identity.lastInboundAt, msg.receivedAt),
        address: msg.replyAddress,
        displayName: msg.sender.displayName ?? identity.displayName,
      },
    });
    return { reporter: identity.reporter, isNew: false };
  }
  // The web channel has no proven phone: whatever reaches sender.phone there must not link identities.
  const phone = msg.channel === 'web' ? null : normalisePhone(msg.sender.phone);
  const identityData = {
    channel: msg.channel,
    externalId: msg.sender.externalId,
    address: msg.replyAddress,
    displayName: msg.sender.displayName ?? null,
    lastInboundAt: msg.receivedAt,
  };
  const samePerson = phone ? await tx.reporter.findFirst({ where: { phone }, orderBy: { createdAt: 'asc' } }) : null;
  if (samePerson) {
    await tx.channelIdentity.create({ data: { ...identityData, reporterId: samePerson.id } });
    return { reporter: samePerson, isNew: false };
  }
  const reporter = await tx.reporter.create({
    data: {
      displayName: msg.sender.displayName ?? null,
      phone,
      contact: msg.contact ?? null,
      privacy: msg.privacy ?? 'named',
      identities: { create: identityData },
    },
  });
  return { reporter, isNew: true };
}

/**
 * Records a phone number the reporter shared and merges any other reporter with the same number into the
 * older one: identities, complaints and messages move; nothing is deleted but the empty duplicate.
 * Returns the surviving reporter's id.
 */
export async function attachPhone(tx: Tx, reporterId: string, rawPhone: string): Promise<string> {
  const phone = normalisePhone(rawPhone);
  if (!phone) return reporterId;
  const others = await tx.reporter.findMany({
    where: { phone, id: { not: reporterId } },
    orderBy: { createdAt: 'asc' },
  });
  const me = await tx.reporter.findUniqueOrThrow({ where: { id: reporterId } });
  const all = [...others, me].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const survivor = all[0] ?? me;
  for (const r of all) {
    if (r.id === survivor.id) continue;
    await tx.channelIdentity.updateMany({ where: { reporterId: r.id }, data: { reporterId: survivor.id } });
    await tx.complaint.updateMany({ where: { reporterId: r.id }, data: { reporterId: survivor.id } });
    await tx.message.updateMany({ where: { reporterId: r.id }, data: { reporterId: survivor.id } });
    await tx.reporter.delete({ where: { id: r.id } });
  }
  await tx.reporter.update({
    where: { id: survivor.id },
    data: { phone, blocked: all.some((r) => r.blocked), displayName: survivor.displayName ?? me.displayName },
  });
  return survivor.id;
}

/** Sets a reporter's privacy choice and applies it to their complaints that are still open. */
export async function setPrivacy(tx: Tx, reporterId: string, privacy: 'named' | 'anonim' | 'rahasia') {
  await tx.reporter.update({ where: { id: reporterId }, data: { privacy } });
  await tx.complaint.updateMany({
    where: { reporterId, status: { notIn: ['resolved', 'rejected', 'referred', 'archived'] } },
    data: { privacy },
  });
}

/**
 * The platform's time of the latest message from this account: WhatsApp's 24-hour window runs from it. A
 * delivery Meta repeats days later carries its old time and must not reopen the window, so it never moves back.
 */
function latest(known: Date | null, received: Date): Date {
  return known && known > received ? known : received;
}

/** When the user behind a reply address last wrote (ChannelIdentity.lastInboundAt); null when never. */
export async function lastInboundAt(db: Db, address: string): Promise<Date | null> {
  const identity = await db.channelIdentity.findFirst({
    where: { address, lastInboundAt: { not: null } },
    orderBy: { lastInboundAt: 'desc' },
    select: { lastInboundAt: true },
  });
  return identity?.lastInboundAt ?? null;
}
