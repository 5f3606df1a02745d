// The sender's per-row bookkeeping in plain SQL on Prisma's own connections (../db/sql.ts): at 30 sends a
// second Prisma's per-statement CPU (about 1 ms each, five per send with the reachability check) was most of
// what the process did. A claim is one statement for a whole batch; a sent row is one short transaction of
// three statements. Rare paths (failures, put-backs, shutdown) stay in Prisma (./worker.ts).
import { newId } from '../db/ids.js';
import { type Sql, sqlDate } from '../db/sql.js';

/** A row this worker has claimed (status 'sending', its lease, attempts already counted). */
export interface ClaimedRow {
  id: string;
  address: string;
  channel: string;
  text: string;
  kind: string;
  complaintId: string | null;
  attempts: number;
}

/** A leased job row that is due: pending and its time has come, or sending under a lease that ran out. */
export const DUE = `(("status" = 'pending' AND "nextAttemptAt" <= ?) OR ("status" = 'sending' AND "lockedUntil" < ?))`;
const COLUMNS = `"id", "address", "channel", "text", "kind", "complaintId", "attempts", "nextAttemptAt", "createdAt"`;

/**
 * Claims up to `limit` due rows (pending ones, and 'sending' ones whose lease expired) with one conditional
 * UPDATE … RETURNING. SQLite runs it as the only writer; on PostgreSQL the inner SELECT locks the rows it picks
 * and skips rows another worker is claiming, and the outer condition is re-checked on each locked row, so a
 * row goes to exactly one claim. Returned in send order (due time, then creation).
 */
/**
 * Claims due rows of the channels this instance can send on. An instance without a channel (WhatsApp Web runs
 * on one instance only) leaves that channel's rows to the instance that has it, instead of failing them.
 */
export async function claimDue(
  sql: Sql,
  token: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
  channels: readonly string[],
) {
  if (channels.length === 0) return [];
  const skipLocked = sql.provider === 'postgresql' ? ' FOR UPDATE SKIP LOCKED' : '';
  const mine = `"channel" IN (${channels.map(() => '?').join(', ')})`;
  const rows = await sql.transaction((tx) =>
    tx.all<ClaimedRow & { nextAttemptAt: unknown; createdAt: unknown }>(
      `UPDATE "Outbox" SET "status" = 'sending', "lockedBy" = ?, "lockedUntil" = ?, "attempts" = "attempts" + 1
       WHERE "id" IN (SELECT "id" FROM "Outbox" WHERE ${DUE} AND ${mine}
         ORDER BY "nextAttemptAt", "createdAt" LIMIT ?${skipLocked}) AND ${DUE}
       RETURNING ${COLUMNS}`,
      [token, leaseUntil, now, now, ...channels, limit, now, now],
    ),
  );
  const key = (r: { nextAttemptAt: unknown; createdAt: unknown; id: string }) =>
    [sqlDate(r.nextAttemptAt)?.getTime() ?? 0, sqlDate(r.createdAt)?.getTime() ?? 0, r.id] as const;
  const sorted = rows.map((r) => ({ row: r, k: key(r) }));
  sorted.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || (a.k[2] < b.k[2] ? -1 : 1));
  return sorted.map(({ row: r }) => ({
    id: r.id,
    address: r.address,
    channel: r.channel,
    text: r.text,
    kind: r.kind,
    complaintId: r.complaintId,
    attempts: Number(r.attempts),
  }));
}

/** Addresses among `addresses` that a platform said cannot be reached, with the reason (one query a batch). */
export async function unreachableAmong(sql: Sql, addresses: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(addresses)];
  if (unique.length === 0) return new Map();
  const rows = await sql.transaction((tx) =>
    tx.all<{ address: string; unreachableReason: string | null }>(
      `SELECT "address", "unreachableReason" FROM "ChannelIdentity"
       WHERE "unreachableAt" IS NOT NULL AND "address" IN (${unique.map(() => '?').join(', ')})`,
      unique,
    ),
  );
  return new Map(rows.map((r) => [r.address, r.unreachableReason ?? 'blocked']));
}

/**
 * Marks a row sent, records the attempt, and stores the reply as an outbound Message beside the inbound ones,
 * in one transaction. The message insert does nothing when the platform id was seen before, so this can never
 * fail and leave a sent row to be sent again.
 */
export async function recordSent(sql: Sql, row: ClaimedRow, platformMessageId: string, receipt: unknown, at: Date) {
  const externalId = `out:${platformMessageId}`;
  const payload = JSON.stringify({ outboxId: row.id, address: row.address, receipt });
  await sql.transaction(async (tx) => {
    await tx.run(
      `UPDATE "Outbox" SET "status" = 'sent', "sentAt" = ?, "platformMessageId" = ?, "lockedUntil" = NULL,
       "lastError" = NULL WHERE "id" = ?`,
      [at, platformMessageId, row.id],
    );
    await tx.run(
      `INSERT INTO "DeliveryAttempt" ("id", "outboxId", "attempt", "outcome", "createdAt") VALUES (?, ?, ?, 'sent', ?)`,
      [newId(), row.id, row.attempts, at],
    );
    await tx.run(
      `INSERT INTO "Message" ("id", "channel", "externalId", "direction", "complaintId", "kind", "text", "payload",
       "state", "attempts", "createdAt") VALUES (?, ?, ?, 'outbound', ?, ?, ?, ?, 'sent', 0, ?)
       ON CONFLICT ("channel", "externalId") DO NOTHING`,
      [newId(), row.channel, externalId, row.complaintId, row.kind, row.text, payload, at],
    );
  });
}
