// Intake's fast path: the common case (a citizen's text, photo or location in a private chat that opens a
// complaint, adds to the one still being written, or is chatter) in one short plain-SQL transaction, about
// a tenth of the statements' CPU that Prisma spends on the same writes (docs/benchmarks.md). Anything else
// (commands, events, follow-ups, phone links, blocked reporters, answers to a resolved complaint or to the
// rating question) gives way to the full pipeline (./pipeline.ts), which stays the reference: both write
// the same rows for the same case, and test/integration/intake-fast-path.test.ts holds them to it.
import type { IncomingMessage } from '../../channels/contract.js';
import type { Classification } from '../../classifier/types.js';
import { newId } from '../../db/ids.js';
import type { Sql, SqlTx } from '../../db/sql.js';
import { OPEN_STATUSES, type Status } from '../../domain/process.js';
import { truncateText } from '../../domain/text-hygiene.js';
import { TEXTS } from '../../domain/texts.js';
import { newTrackingId } from '../../domain/tracking-id.js';
import { complaintEventData } from '../../webhooks/events.js';
import { isChatter } from '../chatter.js';
import { parseCommand } from '../commands.js';
import { classificationFields, locationFields, MAX_TEXT_CHARS } from '../complaint-fields.js';
import type { AppContext } from '../context.js';
import { normalisePhone } from '../reporters.js';
import { newComplaintColumns, newComplaintReplies } from './create-complaint.js';
import * as q from './fast-sql.js';
import { FLOOD_MAX_MESSAGES, FLOOD_WINDOW_MS } from './pipeline.js';
import type { ComplaintRef } from './state.js';

/** The full pipeline's steps whose cases this path handles or recognises and leaves (checked by a test). */
export const FAST_PATH_KNOWS = [
  'blocked',
  'followUp',
  'startCommand',
  'welcomeFirstContact',
  'statusCommand',
  'privacyCommand',
  'contactShared',
  'unsupported',
  'empty',
  'ratingAnswer',
  'appendToOpen',
  'answerToFollowUp',
  'answerToResolved',
  'chatter',
  'newComplaint',
];

/** Left to the full pipeline. */
export const SLOW = Symbol('slow path');
class GiveWay extends Error {}

/** Whether the message alone rules the fast path out (decided before any database work). */
export function fastPathMayTake(msg: IncomingMessage): boolean {
  if (msg.event || msg.followUp || (msg.conversation && msg.conversation.type !== 'private')) return false;
  if (msg.kind !== 'text' && msg.kind !== 'photo' && msg.kind !== 'location') return false;
  const text = msg.text.trim();
  if (text.length === 0 && msg.attachments.length === 0 && !msg.location) return false;
  return msg.explicit === true || parseCommand(text) === null;
}

interface Run {
  tx: SqlTx;
  ctx: AppContext;
  messageId: string;
  msg: IncomingMessage;
  text: string;
  now: Date;
  reporterId: string;
  isNew: boolean;
  privacy: string;
  flooding: boolean;
  latest: q.LatestRow | null;
}

/** Runs the fast path; SLOW when the message needs the full pipeline (nothing was written then). */
export async function runFastPath(sql: Sql, ctx: AppContext, messageId: string, msg: IncomingMessage) {
  // Classified before the transaction: the text alone decides it, and no lock is held while the model runs.
  const text = msg.text.trim();
  const c = ctx.classifier.classify(text);
  try {
    return await sql.grouped((tx) => inTransaction(tx, ctx, messageId, msg, text, c));
  } catch (err) {
    if (err instanceof GiveWay) return SLOW;
    throw err;
  }
}

async function inTransaction(
  tx: SqlTx,
  ctx: AppContext,
  messageId: string,
  msg: IncomingMessage,
  text: string,
  c: Classification,
): Promise<ComplaintRef> {
  const now = ctx.now();
  if (!(await q.claimMessage(tx, messageId, now))) return null;
  const r = await reporterOf(tx, msg);
  const run: Run = { tx, ctx, messageId, msg, text, now, ...r, flooding: false, latest: null };
  if (!r.isNew) {
    const from = new Date(msg.receivedAt.getTime() - FLOOD_WINDOW_MS);
    run.flooding = (await q.countRecentMessages(tx, r.reporterId, from, msg.receivedAt)) >= FLOOD_MAX_MESSAGES;
    run.latest = await q.latestComplaint(tx, r.reporterId);
    const windowMs = ctx.satisfaction?.windowMs;
    if (windowMs && (await q.awaitsRating(tx, r.reporterId, new Date(now.getTime() - windowMs)))) throw new GiveWay();
  }
  if (r.isNew && !msg.explicit && !msg.public) {
    const welcome = TEXTS.welcome(ctx.city.name);
    const notBefore = new Date(now.getTime() - 500);
    const address = msg.replyAddress;
    await q.insertOutbox(tx, {
      dedupeKey: `welcome:${r.reporterId}`,
      address,
      kind: 'welcome',
      text: welcome,
      notBefore,
    });
  }
  const latest = run.latest;
  if (latest && OPEN_STATUSES.includes(latest.status as Status)) {
    if (now.getTime() - latest.lastMessageAt.getTime() <= ctx.mergeWindowMs) return append(run, latest);
    // An answer to what the agency asked is the full pipeline's (answerToFollowUp).
    const since = c.agency === 'DARURAT' ? null : await q.followUpSince(tx, latest.id);
    if (since && since > latest.lastMessageAt) throw new GiveWay();
  }
  if (latest?.status === 'resolved' && latest.resolvedAt && c.agency !== 'DARURAT') {
    if (now.getTime() - latest.resolvedAt.getTime() <= ctx.reopenWindowMs) throw new GiveWay();
  }
  if (isChatter(c) && !msg.explicit && msg.attachments.length === 0 && !msg.location) {
    if (!msg.public) await reply(run, 'not_a_complaint', TEXTS.notAComplaint(ctx.city.name));
    await q.finishMessage(tx, messageId, now, run.reporterId, null, 'chatter');
    return null;
  }
  return create(run, c);
}

/** The sender's reporter: known, another account of a person known by their proven phone, or new. */
async function reporterOf(tx: SqlTx, msg: IncomingMessage) {
  const name = msg.sender.displayName ?? null;
  const known = await q.findIdentity(tx, msg.channel, msg.sender.externalId);
  if (known) {
    if (known.blocked) throw new GiveWay();
    await q.touchIdentity(tx, known.identityId, msg.replyAddress, name, msg.receivedAt);
    return { reporterId: known.reporterId, isNew: false, privacy: known.privacy };
  }
  const identity = { channel: msg.channel, externalId: msg.sender.externalId, address: msg.replyAddress };
  const fresh = { ...identity, displayName: name, receivedAt: msg.receivedAt };
  // The web channel has no proven phone: whatever reaches sender.phone there must not link identities.
  const phone = msg.channel === 'web' ? null : normalisePhone(msg.sender.phone);
  const samePerson = phone ? await q.reporterByPhone(tx, phone) : null;
  if (samePerson) {
    if (samePerson.blocked) throw new GiveWay();
    // Another instance created this identity a moment ago: the full pipeline finds it.
    if (!(await q.createIdentity(tx, samePerson.id, fresh))) throw new GiveWay();
    return { reporterId: samePerson.id, isNew: false, privacy: samePerson.privacy };
  }
  const privacy = msg.privacy ?? 'named';
  const reporterId = await q.createReporter(tx, { displayName: name, phone, contact: msg.contact ?? null, privacy });
  if (!(await q.createIdentity(tx, reporterId, fresh))) throw new GiveWay();
  return { reporterId, isNew: true, privacy };
}

async function reply(run: Run, kind: string, text: string, complaintId: string | null = null) {
  if (run.flooding) return;
  const address = run.msg.replyAddress;
  await q.insertOutbox(run.tx, { dedupeKey: `reply:${run.messageId}`, address, complaintId, kind, text });
}

/** Still being written: the message joins the open complaint (as ./steps.ts appendToOpen). */
async function append(run: Run, latest: q.LatestRow): Promise<ComplaintRef> {
  const combined = truncateText([latest.text, run.text].filter(Boolean).join('\n'), MAX_TEXT_CHARS);
  const fields = classificationFields(run.ctx, combined);
  await q.updateComplaint(run.tx, latest.id, {
    text: combined,
    lastMessageAt: run.now,
    ...fields,
    ...locationFields(run.msg),
  });
  await q.insertAttachments(run.tx, latest.id, run.messageId, run.msg.attachments, run.msg.text || null);
  await q.finishMessage(run.tx, run.messageId, run.now, run.reporterId, latest.id);
  return { id: latest.id, trackingId: latest.trackingId };
}

/** A new complaint (./create-complaint.ts decides its columns and replies). */
async function create(run: Run, c: Classification): Promise<ComplaintRef> {
  const { tx, ctx, msg, now } = run;
  const input = { reporterId: run.reporterId, reporterPrivacy: run.privacy, msg, text: run.text, now, c };
  const id = newId();
  const columns = { id, trackingId: '', status: 'received', updatedAt: new Date(), ...newComplaintColumns(ctx, input) };
  for (let i = 0; ; i++) {
    if (i === 20) throw new Error('could not find a free tracking id');
    columns.trackingId = newTrackingId(ctx.city.code, now, ctx.city.timeZone, 4 + Math.floor(i / 5));
    if (await q.insertComplaint(tx, columns)) break;
  }
  const made = { id, trackingId: columns.trackingId };
  await q.insertReceiveEvent(tx, id);
  await q.insertAttachments(tx, id, run.messageId, msg.attachments, msg.text || null);
  const event = complaintEventData({ ...columns, assignedAgency: null, resolvedAt: null });
  await q.recordEvent(tx, 'complaint.created', event, now);
  for (const item of newComplaintReplies(ctx, made, input, run.latest)) await q.insertOutbox(tx, item);
  await q.finishMessage(tx, run.messageId, now, run.reporterId, id);
  return made;
}
