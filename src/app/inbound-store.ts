// Step 1 of intake: store the message before anything else, made safe for text columns on both databases.
import type { InboundResult, IncomingMessage } from '../channels/contract.js';
import { type Db, isUniqueViolation, sqlOf } from '../db/client.js';
import { newId } from '../db/ids.js';
import { cleanOptional, cleanText } from '../domain/text-hygiene.js';

/**
 * The normalised message made safe for text columns on both databases (NUL, other control characters and
 * lone surrogates cleaned). `raw` is left untouched: JSON.stringify escapes all of it, so it is kept exactly.
 */
export function sanitiseIncoming(msg: IncomingMessage): IncomingMessage {
  return {
    ...msg,
    externalId: cleanText(msg.externalId),
    replyAddress: cleanText(msg.replyAddress),
    text: cleanText(msg.text),
    sender: {
      ...msg.sender,
      externalId: cleanText(msg.sender.externalId),
      displayName: cleanOptional(msg.sender.displayName),
      phone: cleanOptional(msg.sender.phone),
    },
    contact: cleanOptional(msg.contact),
    attachments: msg.attachments.map((a) => ({
      ...a,
      platformFileId: cleanText(a.platformFileId),
      mimeType: cleanOptional(a.mimeType),
    })),
  };
}

/**
 * Stores an inbound message; a second delivery of the same platform message is recognised by the unique index
 * (the insert does nothing). Plain SQL where the client has it (src/db/sql.ts): this runs on every message.
 */
export async function storeInbound(db: Db, msg: IncomingMessage): Promise<{ messageId: string | null }> {
  const clean = sanitiseIncoming(msg);
  const row = {
    id: newId(),
    channel: clean.channel,
    externalId: clean.externalId,
    direction: 'inbound',
    kind: clean.kind,
    text: clean.text,
    platformMessageId: clean.platformMessageId ?? null,
    payload: JSON.stringify({ normalised: { ...clean, raw: undefined }, raw: msg.raw }),
    createdAt: clean.receivedAt,
  };
  const sql = sqlOf(db);
  if (sql) {
    // Grouped: webhooks arriving together share one durable commit (src/db/group-commit.ts).
    const inserted = await sql.grouped((tx) =>
      tx.run(
        `INSERT INTO "Message" ("id", "channel", "externalId", "direction", "kind", "text", "platformMessageId",
         "payload", "state", "attempts", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', 0, ?)
         ON CONFLICT ("channel", "externalId") DO NOTHING`,
        [
          row.id,
          row.channel,
          row.externalId,
          row.direction,
          row.kind,
          row.text,
          row.platformMessageId,
          row.payload,
          row.createdAt,
        ],
      ),
    );
    return { messageId: inserted > 0 ? row.id : null };
  }
  try {
    await db.message.create({ data: row });
    return { messageId: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) return { messageId: null };
    throw err;
  }
}

/** What an earlier delivery of the same message made (read after its processing in this instance finished). */
export async function earlierResult(db: Db, msg: IncomingMessage): Promise<InboundResult> {
  const clean = sanitiseIncoming(msg);
  const row = await db.message.findUnique({
    where: { channel_externalId: { channel: clean.channel, externalId: clean.externalId } },
    select: { id: true, complaintId: true },
  });
  const complaint = row?.complaintId
    ? await db.complaint.findUnique({ where: { id: row.complaintId }, select: { id: true, trackingId: true } })
    : null;
  return {
    duplicate: true,
    messageId: row?.id,
    complaintId: complaint?.id ?? null,
    trackingId: complaint?.trackingId ?? null,
  };
}
