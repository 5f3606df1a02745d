// Intake's steps for a citizen's message, in order. Each step either ends the pipeline (returns an Outcome) or
// lets the next one run; the last step always ends it. Steps share one IntakeState (./state.ts).
import { OPEN_STATUSES, type Status } from '../../domain/process.js';
import { truncateText } from '../../domain/text-hygiene.js';
import { reopenedByReporter, TEXTS } from '../../domain/texts.js';
import { enqueue } from '../../outbox/enqueue.js';
import { waitingSince } from '../auto-close.js';
import { isChatter, markChatter } from '../chatter.js';
import { addAttachments, classificationFields, locationFields, MAX_TEXT_CHARS } from '../complaint-fields.js';
import { applyFollowUp } from '../reporter-follow-up.js';
import { attachPhone, setPrivacy } from '../reporters.js';
import { statusAnswer } from '../status-query.js';
import { transitionInTx } from '../transitions.js';
import { createComplaint } from './create-complaint.js';
import { ratingAnswer } from './rating-answer.js';
import { classification, done, type IntakeState, latestComplaint, type Outcome, reply } from './state.js';

export type Step = (s: IntakeState) => Promise<Outcome | undefined>;

/** A blocked reporter's messages are stored and linked, never answered. */
export const blocked: Step = async (s) => (s.reporter.blocked ? done(s) : undefined);

/** An action from the web channel's private page on one of the reporter's own complaints. */
export const followUp: Step = async (s) => {
  const action = s.msg.followUp;
  if (!action) return undefined;
  const msg = { ...s.msg, followUp: action };
  return done(s, await applyFollowUp(s.tx, s.ctx, { msg, messageId: s.messageId, reporterId: s.reporter.id }));
};

/** "/start", "halo", "menu": how this works. */
export const startCommand: Step = async (s) => {
  if (s.command?.name !== 'start') return undefined;
  await reply(s, 'welcome', TEXTS.welcome(s.ctx.city.name));
  return done(s);
};

/** First contact in a private chat: say how this works and offer the privacy choice, before anything else. */
export const welcomeFirstContact: Step = async (s) => {
  if (s.isNew && !s.msg.explicit && !s.msg.public) {
    await enqueue(s.tx, {
      dedupeKey: `welcome:${s.reporter.id}`,
      address: s.msg.replyAddress,
      kind: 'welcome',
      text: TEXTS.welcome(s.ctx.city.name),
      notBefore: new Date(s.now.getTime() - 500),
    });
  }
  return undefined;
};

/** "status CLG-…": where a complaint stands. */
export const statusCommand: Step = async (s) => {
  if (s.command?.name !== 'status') return undefined;
  await reply(s, 'status', await statusAnswer(s.tx, s.ctx, s.reporter.id, s.command.trackingId));
  return done(s);
};

/** "anonim", "rahasia", "biasa": the reporter's privacy choice. */
export const privacyCommand: Step = async (s) => {
  if (s.command?.name !== 'privacy') return undefined;
  await setPrivacy(s.tx, s.reporter.id, s.command.privacy);
  await reply(s, 'privacy', TEXTS.privacySet(s.command.privacy));
  return done(s);
};

/** A phone number the platform proves (a shared Telegram contact) links this reporter's other accounts. */
export const contactShared: Step = async (s) => {
  if (s.msg.kind !== 'contact' || !s.msg.sender.phone) return undefined;
  const survivor = await attachPhone(s.tx, s.reporter.id, s.msg.sender.phone);
  const address = s.msg.replyAddress;
  await enqueue(s.tx, { dedupeKey: `reply:${s.messageId}`, address, kind: 'contact', text: TEXTS.phoneSaved });
  // The reporter row this message was linked to may have been merged away: link to the survivor.
  return done({ ...s, reporter: { ...s.reporter, id: survivor } });
};

/** A sticker, a voice note, a poll: kindly say what we can read. */
export const unsupported: Step = async (s) => {
  if (s.msg.kind !== 'unsupported') return undefined;
  await reply(s, 'unsupported', TEXTS.unsupported);
  return done(s);
};

/** Nothing to read: no text, no file, no place. */
export const empty: Step = async (s) => {
  if (s.text.length > 0 || s.msg.attachments.length > 0 || s.msg.location) return undefined;
  // A bare mention in someone's public thread is not worth a public "your message is empty".
  if (!s.msg.public) await reply(s, 'empty', TEXTS.emptyMessage);
  return done(s);
};

/** Still being written: several messages, a photo and a location within minutes are one complaint. */
export const appendToOpen: Step = async (s) => {
  const latest = await latestComplaint(s);
  if (!latest || s.now.getTime() - latest.lastMessageAt.getTime() > s.ctx.mergeWindowMs) return undefined;
  if (!OPEN_STATUSES.includes(latest.status as Status)) return undefined;
  const combined = truncateText([latest.text, s.text].filter(Boolean).join('\n'), MAX_TEXT_CHARS);
  await s.tx.complaint.update({
    where: { id: latest.id },
    data: { text: combined, lastMessageAt: s.now, ...classificationFields(s.ctx, combined), ...locationFields(s.msg) },
  });
  await addAttachments(s.tx, latest.id, s.messageId, s.msg);
  return done(s, latest);
};

/**
 * The agency (or the desk) told the reporter something on their open complaint after the reporter last wrote
 * ("mohon kirim foto lokasinya"): the next message is the answer, added to that complaint for its officers, not
 * a new complaint. A possible emergency still opens its own complaint with the 112 advice.
 */
export const answerToFollowUp: Step = async (s) => {
  const latest = await latestComplaint(s);
  if (!latest || !OPEN_STATUSES.includes(latest.status as Status) || classification(s).agency === 'DARURAT') {
    return undefined;
  }
  const since = await waitingSince(s.tx, latest.id);
  if (!since || since <= latest.lastMessageAt) return undefined;
  const followUp = { trackingId: latest.trackingId, action: 'add' as const };
  const input = { msg: { ...s.msg, followUp }, messageId: s.messageId, reporterId: s.reporter.id };
  return done(s, await applyFollowUp(s.tx, s.ctx, input));
};

/** The reporter answered a recently resolved complaint: thanks close the loop, anything else reopens it. */
export const answerToResolved: Step = async (s) => {
  const latest = await latestComplaint(s);
  const c = classification(s);
  if (latest?.status !== 'resolved' || latest.resolvedAt === null || c.agency === 'DARURAT') return undefined;
  if (s.now.getTime() - latest.resolvedAt.getTime() > s.ctx.reopenWindowMs) return undefined;
  if (c.agency === 'BUKAN_ADUAN' && s.msg.attachments.length === 0) return done(s, latest);
  await s.tx.complaint.update({
    where: { id: latest.id },
    data: { text: truncateText([latest.text, s.text].join('\n'), MAX_TEXT_CHARS), lastMessageAt: s.now },
  });
  await transitionInTx(s.tx, s.ctx, { trackingId: latest.trackingId, action: 'reopen', actor: 'reporter' });
  await reply(s, 'reopened', reopenedByReporter(latest.trackingId), latest.id);
  return done(s, latest);
};

/** Greetings, thanks, opinions: kept for the admins (who may promote them), politely answered in private. */
export const chatter: Step = async (s) => {
  const m = s.msg;
  if (!isChatter(classification(s)) || m.explicit || m.attachments.length > 0 || m.location) return undefined;
  await markChatter(s.tx, s.messageId);
  // Chatter in a public thread is kept for the admins but not answered in public.
  if (!m.public) await reply(s, 'not_a_complaint', TEXTS.notAComplaint(s.ctx.city.name));
  return done(s);
};

/** Everything else is a new complaint. */
export const newComplaint: Step = async (s) => done(s, await createComplaint(s));

/** The order matters: events and commands first, complaints last. */
export const STEPS: readonly Step[] = [
  blocked,
  followUp,
  startCommand,
  welcomeFirstContact,
  statusCommand,
  privacyCommand,
  contactShared,
  unsupported,
  empty,
  ratingAnswer,
  appendToOpen,
  answerToFollowUp,
  answerToResolved,
  chatter,
  newComplaint,
];
