// The one context every intake step shares: the message, the transaction, what earlier steps learnt, and the
// two ways a step ends the pipeline (reply, done).
import type { IncomingMessage } from '../../channels/contract.js';
import type { Classification } from '../../classifier/types.js';
import type { Tx } from '../../db/client.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { Command } from '../commands.js';
import type { AppContext } from '../context.js';

/** A complaint as intake reports it back. */
export type ComplaintRef = { id: string; trackingId: string } | null;

/** What a step returns to end the pipeline; undefined lets the next step run. */
export type Outcome = { complaint: ComplaintRef };

type ReporterRow = { id: string; blocked: boolean; privacy: string };
type LatestComplaint = Awaited<ReturnType<Tx['complaint']['findFirst']>>;

export interface IntakeState {
  tx: Tx;
  ctx: AppContext;
  messageId: string;
  msg: IncomingMessage;
  /** The message text, trimmed. */
  text: string;
  /** A command the text starts with; never on a form submission ("Cek saluran air…" is a complaint there). */
  command: Command | null;
  now: Date;
  /** Set by the reporter step; every later step may rely on it. */
  reporter: ReporterRow;
  /** First message of this reporter ever. */
  isNew: boolean;
  /** Many messages within seconds: optional replies are skipped (the messages are still stored and grouped). */
  flooding: boolean;
  /** The reporter's most recently active complaint (read once, by the first step that needs it). */
  latest?: LatestComplaint;
  /** The classifier's reading of the text (computed once, by the first step that needs it). */
  classification?: Classification;
}

/** Queues the one reply to this message (skipped while the reporter floods). */
export async function reply(s: IntakeState, kind: string, text: string, complaintId: string | null = null) {
  if (s.flooding) return;
  await enqueue(s.tx, { dedupeKey: `reply:${s.messageId}`, address: s.msg.replyAddress, complaintId, kind, text });
}

/** Marks the message processed (linked to its reporter and complaint) and ends the pipeline. */
export async function done(s: IntakeState, complaint: ComplaintRef = null): Promise<Outcome> {
  await s.tx.message.update({
    where: { id: s.messageId },
    data: {
      state: 'processed',
      processedAt: s.now,
      reporterId: s.reporter.id,
      complaintId: complaint?.id ?? null,
      error: null,
      nextAttemptAt: null,
    },
  });
  return { complaint };
}

/** The reporter's most recently active complaint, read once. */
export async function latestComplaint(s: IntakeState) {
  if (s.latest === undefined) {
    s.latest = await s.tx.complaint.findFirst({
      where: { reporterId: s.reporter.id },
      orderBy: { lastMessageAt: 'desc' },
    });
  }
  return s.latest;
}

/** The classification of the message text, computed once. */
export function classification(s: IntakeState): Classification {
  s.classification ??= s.ctx.classifier.classify(s.text);
  return s.classification;
}
