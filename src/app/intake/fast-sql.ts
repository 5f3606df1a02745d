// The statements of intake's fast path (./fast-path.ts), in plain SQL for both databases. Each writes exactly
// what the Prisma steps write for the same case (test/integration/intake-fast-path.test.ts compares the two).
import { parseAddress } from '../../channels/contract.js';
import { newId } from '../../db/ids.js';
import { type SqlTx, type SqlValue, sqlDate } from '../../db/sql.js';
import type { OutboxItem } from '../../outbox/enqueue.js';
import type { ComplaintEventData, WebhookEvent } from '../../webhooks/events.js';
import { parseEvents } from '../../webhooks/events.js';

/** Claims the message (its row lock on PostgreSQL); false when it was processed already. */
export async function claimMessage(tx: SqlTx, messageId: string, now: Date): Promise<boolean> {
  const sql = `UPDATE "Message" SET "processedAt" = ? WHERE "id" = ? AND "state" <> 'processed'`;
  return (await tx.run(sql, [now, messageId])) > 0;
}

export interface IdentityRow {
  identityId: string;
  reporterId: string;
  blocked: boolean;
  privacy: string;
}

export async function findIdentity(tx: SqlTx, channel: string, externalId: string): Promise<IdentityRow | null> {
  const rows = await tx.all<IdentityRow & { blocked: unknown }>(
    `SELECT i."id" AS "identityId", i."reporterId", r."blocked", r."privacy" FROM "ChannelIdentity" i
     JOIN "Reporter" r ON r."id" = i."reporterId" WHERE i."channel" = ? AND i."externalId" = ?`,
    [channel, externalId],
  );
  const row = rows[0];
  return row ? { ...row, blocked: Boolean(row.blocked) } : null;
}

/** Records the sender's latest message time (the platform's, never moved back by a late redelivery). */
export async function touchIdentity(tx: SqlTx, id: string, address: string, name: string | null, at: Date) {
  await tx.run(
    `UPDATE "ChannelIdentity" SET "address" = ?, "displayName" = COALESCE(?, "displayName"),
     "lastInboundAt" = CASE WHEN "lastInboundAt" IS NULL OR "lastInboundAt" < ? THEN ? ELSE "lastInboundAt" END
     WHERE "id" = ?`,
    [address, name, at, at, id],
  );
}

export interface NewIdentity {
  channel: string;
  externalId: string;
  address: string;
  displayName: string | null;
  receivedAt: Date;
}

/** A new identity of a reporter; false when a concurrent delivery created it first. */
export async function createIdentity(tx: SqlTx, reporterId: string, i: NewIdentity): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO "ChannelIdentity" ("id", "reporterId", "channel", "externalId", "address", "displayName",
     "lastInboundAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("channel", "externalId") DO NOTHING`,
    [newId(), reporterId, i.channel, i.externalId, i.address, i.displayName, i.receivedAt, new Date()],
  );
  return inserted > 0;
}

/** A new reporter (with the phone its platform proves, if any); the caller adds its first identity. */
export async function createReporter(
  tx: SqlTx,
  r: { displayName: string | null; phone: string | null; contact: string | null; privacy: string },
): Promise<string> {
  const id = newId();
  const created = new Date();
  await tx.run(
    `INSERT INTO "Reporter" ("id", "displayName", "phone", "contact", "privacy", "blocked", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, r.displayName, r.phone, r.contact, r.privacy, false, created, created],
  );
  return id;
}

/** The oldest reporter with this proven phone number: another account of the same person. */
export async function reporterByPhone(tx: SqlTx, phone: string) {
  const rows = await tx.all<{ id: string; blocked: unknown; privacy: string }>(
    `SELECT "id", "blocked", "privacy" FROM "Reporter" WHERE "phone" = ? ORDER BY "createdAt" ASC LIMIT 1`,
    [phone],
  );
  const row = rows[0];
  return row ? { id: row.id, blocked: Boolean(row.blocked), privacy: row.privacy } : null;
}

export async function countRecentMessages(tx: SqlTx, reporterId: string, from: Date, to: Date): Promise<number> {
  const rows = await tx.all<{ n: unknown }>(
    `SELECT COUNT(*) AS "n" FROM "Message" WHERE "reporterId" = ? AND "createdAt" >= ? AND "createdAt" <= ?`,
    [reporterId, from, to],
  );
  return Number(rows[0]?.n ?? 0);
}

export interface LatestRow {
  id: string;
  trackingId: string;
  text: string;
  status: string;
  lastMessageAt: Date;
  resolvedAt: Date | null;
}

export async function latestComplaint(tx: SqlTx, reporterId: string): Promise<LatestRow | null> {
  const rows = await tx.all<Record<string, unknown>>(
    `SELECT "id", "trackingId", "text", "status", "lastMessageAt", "resolvedAt" FROM "Complaint"
     WHERE "reporterId" = ? ORDER BY "lastMessageAt" DESC LIMIT 1`,
    [reporterId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    trackingId: String(r.trackingId),
    text: String(r.text),
    status: String(r.status),
    lastMessageAt: sqlDate(r.lastMessageAt) as Date,
    resolvedAt: sqlDate(r.resolvedAt),
  };
}

/** When the agency last told the reporter something on a complaint (as auto-close's waitingSince). */
export async function followUpSince(tx: SqlTx, complaintId: string): Promise<Date | null> {
  const rows = await tx.all<{ at: unknown }>(
    `SELECT MAX("createdAt") AS "at" FROM (
       SELECT "createdAt" FROM "ComplaintNote" WHERE "complaintId" = ? AND "visibility" = 'public'
       UNION ALL
       SELECT "createdAt" FROM "StatusEvent" WHERE "complaintId" = ? AND "publicNote" IS NOT NULL AND "actor" <> 'reporter'
     ) AS "told"`,
    [complaintId, complaintId],
  );
  return sqlDate(rows[0]?.at);
}

/** Whether the reporter was asked for a rating since `since` and has not answered (./steps.ts reads the answer). */
export async function awaitsRating(tx: SqlTx, reporterId: string, since: Date): Promise<boolean> {
  const rows = await tx.all(
    `SELECT 1 AS "x" FROM "Complaint" WHERE "reporterId" = ? AND "ratingAskedAt" >= ? AND "ratedAt" IS NULL LIMIT 1`,
    [reporterId, since],
  );
  return rows.length > 0;
}

/** Inserts a row unless its key exists; the insert that does nothing is how a taken key is noticed. */
export async function insertOutbox(tx: SqlTx, item: OutboxItem): Promise<void> {
  const { channel } = parseAddress(item.address);
  await tx.run(
    `INSERT INTO "Outbox" ("id", "dedupeKey", "channel", "address", "complaintId", "kind", "text", "status",
     "attempts", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
     ON CONFLICT ("dedupeKey") DO NOTHING`,
    [
      newId(),
      item.dedupeKey,
      channel,
      item.address,
      item.complaintId ?? null,
      item.kind,
      item.text,
      item.notBefore ?? new Date(),
      new Date(),
    ],
  );
}

/** Columns to write; undefined ones are left out (as Prisma does). */
export type ComplaintColumns = Record<string, SqlValue | undefined>;

const defined = (columns: ComplaintColumns) =>
  Object.entries(columns).filter((e): e is [string, SqlValue] => e[1] !== undefined);

/** Inserts a complaint; false when the tracking ID is taken (the caller draws another). */
export async function insertComplaint(tx: SqlTx, columns: ComplaintColumns): Promise<boolean> {
  const entries = defined(columns);
  const names = entries.map(([n]) => `"${n}"`).join(', ');
  const sql = `INSERT INTO "Complaint" (${names}) VALUES (${entries.map(() => '?').join(', ')})
     ON CONFLICT ("trackingId") DO NOTHING`;
  return (
    (await tx.run(
      sql,
      entries.map(([, v]) => v),
    )) > 0
  );
}

export async function updateComplaint(tx: SqlTx, id: string, columns: ComplaintColumns): Promise<void> {
  const entries = defined(columns);
  const sets = entries.map(([n]) => `"${n}" = ?`).join(', ');
  await tx.run(`UPDATE "Complaint" SET ${sets}, "updatedAt" = ? WHERE "id" = ?`, [
    ...entries.map(([, v]) => v),
    new Date(),
    id,
  ]);
}

export async function insertReceiveEvent(tx: SqlTx, complaintId: string): Promise<void> {
  await tx.run(
    `INSERT INTO "StatusEvent" ("id", "complaintId", "actor", "action", "fromStatus", "toStatus", "createdAt")
     VALUES (?, ?, 'system', 'receive', '', 'received', ?)`,
    [newId(), complaintId, new Date()],
  );
}

export interface AttachmentInput {
  kind: string;
  platformFileId: string;
  mimeType?: string;
  sizeBytes?: number;
}

export async function insertAttachments(
  tx: SqlTx,
  complaintId: string,
  messageId: string,
  files: AttachmentInput[],
  caption: string | null,
) {
  for (const a of files) {
    await tx.run(
      `INSERT INTO "Attachment" ("id", "complaintId", "messageId", "kind", "platformFileId", "mimeType", "caption",
       "sizeBytes", "downloadAttempts", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      [
        newId(),
        complaintId,
        messageId,
        a.kind,
        a.platformFileId,
        a.mimeType ?? null,
        caption,
        a.sizeBytes ?? null,
        new Date(),
      ],
    );
  }
}

/** The plain-SQL twin of recordWebhookEvent (src/webhooks/events.ts): one delivery row per subscriber. */
export async function recordEvent(tx: SqlTx, event: WebhookEvent, data: ComplaintEventData, at: Date) {
  const subscribers = await tx.all<{ id: string; events: string }>(
    `SELECT "id", "events" FROM "WebhookSubscriber" WHERE "active" = ? AND "events" LIKE ?`,
    [true, `%${event}%`],
  );
  const targets = subscribers.filter((s) => parseEvents(s.events).includes(event));
  if (targets.length === 0) return;
  const eventId = crypto.randomUUID();
  const payload = JSON.stringify({ id: eventId, type: event, occurredAt: at.toISOString(), data });
  for (const s of targets) {
    await tx.run(
      `INSERT INTO "WebhookDelivery" ("id", "subscriberId", "eventId", "event", "payload", "status", "attempts",
       "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      [newId(), s.id, eventId, event, payload, at, at],
    );
  }
}

export async function finishMessage(
  tx: SqlTx,
  messageId: string,
  now: Date,
  reporterId: string,
  complaintId: string | null,
  disposition: 'chatter' | null = null,
) {
  await tx.run(
    `UPDATE "Message" SET "state" = 'processed', "processedAt" = ?, "reporterId" = ?, "complaintId" = ?,
     "error" = NULL, "nextAttemptAt" = NULL${disposition ? `, "disposition" = '${disposition}'` : ''} WHERE "id" = ?`,
    [now, reporterId, complaintId, messageId],
  );
}
