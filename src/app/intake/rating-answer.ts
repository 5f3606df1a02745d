// Intake's step for an answer to the rating question (src/app/satisfaction.ts). It runs before the "reply to
// a resolved complaint reopens it" step: "4" or "5 terima kasih" is a rating, not a reason to reopen. Only a
// reporter who was asked and has not answered yet within the window is read this way.
import { satisfactionStep } from '../satisfaction.js';
import { done, type IntakeState, type Outcome } from './state.js';

export async function ratingAnswer(s: IntakeState): Promise<Outcome | undefined> {
  if (s.msg.attachments.length > 0) return undefined;
  const rated = await satisfactionStep(s.tx, s.ctx, {
    reporterId: s.reporter.id,
    messageId: s.messageId,
    text: s.text,
    replyAddress: s.msg.replyAddress,
    quiet: s.flooding,
  });
  return rated ? done(s, rated) : undefined;
}
