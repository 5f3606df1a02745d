// Writing reminders: planned in memory first (which rows, which ones go out as a message), then written in
// chunks. A first run on a city's backlog writes thousands of rows, so rows go in with one createMany per chunk;
// a unique-index clash (another instance wrote some first) sends that chunk down the one-by-one path, where each
// clash is skipped. No user gets more than MESSAGES_PER_TICK messages from one run: the rest is listed in the
// Pengingat panel and summed up in one message, so a backlog never floods an officer's phone.
import { isUniqueViolation, type Tx } from '../db/client.js';
import { enqueue, type OutboxItem } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';
import { moreReminders } from './escalation-texts.js';

/** Reminder messages one user gets from one run; the rest is summed up in one message. */
export const MESSAGES_PER_TICK = 5;
const CHUNK = 100;

export interface ReminderRow {
  userId: string;
  complaintId: string;
  clock: string;
  dueAt: Date;
  threshold: number;
  sent: boolean;
  readAt: Date | null;
  createdAt: Date;
}

/** The rows of one clock for one user, and the message (if any) that goes with them. */
export interface PlannedGroup {
  userId: string;
  rows: ReminderRow[];
  message: OutboxItem | null;
  /** A message was due but over the per-run limit: counted into the summary. */
  overflow: { address: string; key: string } | null;
}

/** Limits each user's messages in a run: groups past the limit lose their message and join the summary. */
export function capMessages(groups: PlannedGroup[]): PlannedGroup[] {
  const sentTo = new Map<string, number>();
  return groups.map((g) => {
    if (!g.message) return g;
    const n = sentTo.get(g.userId) ?? 0;
    sentTo.set(g.userId, n + 1);
    if (n < MESSAGES_PER_TICK) return g;
    const overflow = { address: g.message.address, key: g.message.dedupeKey };
    return { ...g, message: null, overflow, rows: g.rows.map((r) => ({ ...r, sent: false })) };
  });
}

/** Writes the groups; returns what was created and queued (a clash with another instance counts nothing). */
export async function writeGroups(ctx: AppContext, groups: PlannedGroup[]) {
  const done: PlannedGroup[] = [];
  for (let i = 0; i < groups.length; i += CHUNK) {
    const chunk = groups.slice(i, i + CHUNK);
    try {
      await ctx.db.$transaction((tx) => writeChunk(tx, chunk), { timeout: 60_000 });
      done.push(...chunk);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      for (const g of chunk) if (await writeOne(ctx, g)) done.push(g);
    }
  }
  const queued = done.filter((g) => g.message).length + (await summarise(ctx, done));
  return { created: done.reduce((n, g) => n + g.rows.length, 0), queued };
}

async function writeChunk(tx: Tx, chunk: PlannedGroup[]) {
  await tx.reminder.createMany({ data: chunk.flatMap((g) => g.rows) });
  for (const g of chunk) if (g.message) await enqueue(tx, g.message);
}

async function writeOne(ctx: AppContext, g: PlannedGroup): Promise<boolean> {
  try {
    await ctx.db.$transaction((tx) => writeChunk(tx, [g]));
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** One message per user whose reminders went over the limit in this run (keyed by a row only we wrote). */
async function summarise(ctx: AppContext, done: PlannedGroup[]): Promise<number> {
  const byUser = new Map<string, { address: string; key: string; count: number }>();
  for (const g of done) {
    if (!g.overflow) continue;
    const seen = byUser.get(g.userId);
    byUser.set(g.userId, seen ? { ...seen, count: seen.count + 1 } : { ...g.overflow, count: 1 });
  }
  let queued = 0;
  for (const s of byUser.values()) {
    const item = {
      dedupeKey: `reminder-more:${s.key}`,
      address: s.address,
      kind: 'reminder:more',
      text: moreReminders(s.count),
    };
    if (await ctx.db.$transaction((tx) => enqueue(tx, item))) queued++;
  }
  return queued;
}
