// Measures the escalation jobs at a city's scale: how long one reminder tick takes when many clocks are running,
// the first tick that writes every crossing and a steady tick that finds nothing new, and the daily digest.
// Usage: npx tsx bench/escalation.ts [--unverified 2000] [--forwarded 5000] [--postgres <url>]
// Prints milliseconds per phase and what each wrote. Numbers, not assertions: tests never time anything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runAutoClose } from '../src/app/auto-close.js';
import { createAppContext } from '../src/app/context.js';
import { runDigest } from '../src/app/digest.js';
import { runEscalation } from '../src/app/escalation.js';
import type { Classifier } from '../src/classifier/types.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedAgencies } from '../src/db/seed.js';
import { addWorkingDays } from '../src/domain/working-days.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  options: {
    unverified: { type: 'string', default: '2000' },
    forwarded: { type: 'string', default: '5000' },
    'in-progress': { type: 'string', default: '1000' },
    postgres: { type: 'string' },
  },
});
const AGENCIES = ['DPUTR', 'DLH', 'DISHUB', 'DISPERKIM', 'DINKES'];
const DAY = 86_400_000;
const dir = mkdtempSync(path.join(tmpdir(), 'bench-escalation-'));
const url = values.postgres ?? `file:${dir}/bench.db`;
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
const database = await openDatabase(url);
await migrate(database);
await seedAgencies(database.db);
const now = new Date('2027-01-20T03:00:00Z');
// The bench never classifies: intake is not involved.
const ctx = createAppContext(config, {
  db: database.db,
  classifier: {} as Classifier,
  logger: createLogger('silent'),
  now: () => now,
});
const { db } = ctx;

async function seedUsers() {
  const users = [
    ...[1, 2, 3].map((i) => ({
      email: `reviewer${i}@kota.go.id`,
      role: 'reviewer',
      agencyCode: null,
      agencyHead: false,
    })),
    ...AGENCIES.flatMap((a) =>
      [1, 2, 3, 4].map((i) => ({ email: `${a}${i}@kota.go.id`, role: 'officer', agencyCode: a, agencyHead: i === 4 })),
    ),
  ];
  for (const u of users) {
    const made = await db.user.create({ data: { ...u, name: u.email, passwordHash: 'x' } });
    await db.officerChannel.create({
      data: { userId: made.id, channel: 'telegram', address: `telegram:${made.email}` },
    });
  }
  return users.length;
}

async function seedComplaints(unverified: number, forwarded: number) {
  const reporter = await db.reporter.create({ data: {} });
  const rows = [];
  for (let i = 0; i < unverified; i++) {
    // Received over the last 6 calendar days: some at 0-49%, some past 50, 80 and 100% of 3 working days.
    const createdAt = new Date(now.getTime() - (i % 144) * 3_600_000);
    const verifyDueAt = addWorkingDays(createdAt, 3, ctx.sla.calendar);
    rows.push({ trackingId: `U${i}`, createdAt, verifyDueAt, status: 'received' });
  }
  for (let i = 0; i < forwarded; i++) {
    // Forwarded over the last 40 days: the follow-up clocks spread over every threshold.
    const forwardedAt = new Date(now.getTime() - (i % 960) * 3_600_000);
    const followUpDueAt = new Date(forwardedAt.getTime() + 30 * DAY);
    const agency = AGENCIES[i % AGENCIES.length] ?? 'DPUTR';
    rows.push({
      trackingId: `F${i}`,
      createdAt: forwardedAt,
      forwardedAt,
      verifiedAt: forwardedAt,
      followUpDueAt,
      status: 'forwarded',
      assignedAgency: agency,
    });
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db.complaint.createMany({
      data: rows.slice(i, i + 500).map((r) => ({
        ...r,
        reporterId: reporter.id,
        channel: 'telegram',
        replyAddress: 'telegram:1',
        text: 'jalan berlubang di depan pasar',
      })),
    });
  }
}

/** Complaints the agency followed up two days ago with a public note: waiting for the reporter, not due yet. */
async function seedFollowedUp(count: number) {
  const reporter = await db.reporter.create({ data: {} });
  const at = new Date(now.getTime() - 2 * DAY);
  for (let i = 0; i < count; i++) {
    const c = await db.complaint.create({
      data: {
        trackingId: `P${i}`,
        reporterId: reporter.id,
        channel: 'telegram',
        replyAddress: 'telegram:2',
        text: 'lampu jalan mati',
        status: 'in_progress',
        assignedAgency: 'DPUTR',
        followedUpAt: at,
      },
    });
    await db.statusEvent.create({
      data: {
        complaintId: c.id,
        actor: 'x',
        action: 'start',
        fromStatus: 'forwarded',
        toStatus: 'in_progress',
        publicNote: 'sedang dicek',
        createdAt: at,
      },
    });
  }
}

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  console.log(
    `${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${JSON.stringify(result)}`,
  );
  return result;
}

try {
  const unverified = Number(values.unverified);
  const forwarded = Number(values.forwarded);
  console.log(
    `${database.provider}: ${await seedUsers()} users with linked chats, ${unverified} unverified and ${forwarded} forwarded complaints`,
  );
  await seedComplaints(unverified, forwarded);
  await timed('reminder tick, first (writes every crossing)', () => runEscalation(ctx));
  await timed('reminder tick, steady (nothing new)', () => runEscalation(ctx));
  await timed('daily digest (one per linked user)', () => runDigest(ctx));
  const inProgress = Number(values['in-progress']);
  await seedFollowedUp(inProgress);
  await timed(`auto-close tick, ${inProgress} followed up, none due`, () =>
    runAutoClose(ctx, config.escalation.autoClose),
  );
  console.log(`reminders stored: ${await db.reminder.count()}, outbox rows: ${await db.outbox.count()}`);
} finally {
  if (values.postgres) {
    for (const t of ['Reminder', 'Outbox', 'OfficerChannel', 'StatusEvent', 'Complaint', 'Reporter', 'User']) {
      await db.$executeRawUnsafe(`DELETE FROM "${t}"`);
    }
  }
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
