// Turns one stored message into what it means, inside one transaction: claim the row, record channel events,
// find the reporter, then run the steps (./steps.ts) until one ends the pipeline.
import type { IncomingMessage } from '../../channels/contract.js';
import type { Tx } from '../../db/client.js';
import { handleChannelEvent } from '../channel-events.js';
import { parseCommand } from '../commands.js';
import type { AppContext } from '../context.js';
import { officerLinkStep } from '../officer-link.js';
import { resolveReporter } from '../reporters.js';
import type { ComplaintRef, IntakeState } from './state.js';
import { STEPS } from './steps.js';

/** From this many earlier messages of one reporter within the window on, optional replies are skipped. */
export const FLOOD_MAX_MESSAGES = 5;
export const FLOOD_WINDOW_MS = 10_000;

/**
 * Takes the message's row lock first: when two instances' recovery jobs pick the same message, the second
 * waits here, then sees it processed and stops, so one message never opens two complaints.
 */
async function claim(tx: Tx, messageId: string, now: Date): Promise<boolean> {
  const { count } = await tx.message.updateMany({
    where: { id: messageId, state: { not: 'processed' } },
    data: { processedAt: now },
  });
  return count > 0;
}

/**
 * Flood protection: someone sending many messages within seconds gets their complaint acknowledged once, not a
 * polite answer to every sticker. Platform time is used so a backlog delivered late is not mistaken for a
 * flood, bounded on both sides so a message delivered hours late does not count every later message.
 */
async function isFlooding(tx: Tx, reporterId: string, receivedAt: Date): Promise<boolean> {
  const recent = await tx.message.count({
    where: { reporterId, createdAt: { gte: new Date(receivedAt.getTime() - FLOOD_WINDOW_MS), lte: receivedAt } },
  });
  return recent >= FLOOD_MAX_MESSAGES;
}

export async function runPipeline(tx: Tx, ctx: AppContext, messageId: string, msg: IncomingMessage) {
  const now = ctx.now();
  if (!(await claim(tx, messageId, now))) return null;
  // Edits, deletions, reactions, delivery statuses, service updates and group messages: recorded, not answered.
  if (await handleChannelEvent(tx, ctx, messageId, msg)) return null;
  // "TAUTKAN 482913" from an officer's chat: linked to their admin account, no reporter or complaint made.
  if (await officerLinkStep(tx, ctx, messageId, msg)) return null;
  const { reporter, isNew } = await resolveReporter(tx, msg);
  const text = msg.text.trim();
  const s: IntakeState = {
    tx,
    ctx,
    messageId,
    msg,
    text,
    command: msg.explicit ? null : parseCommand(text),
    now,
    reporter,
    isNew,
    flooding: await isFlooding(tx, reporter.id, msg.receivedAt),
  };
  for (const step of STEPS) {
    const outcome = await step(s);
    if (outcome) return outcome.complaint;
  }
  throw new Error('intake: the last step must end the pipeline');
}

export type { ComplaintRef };
