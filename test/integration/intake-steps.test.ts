// Each intake step on its own (src/app/intake/steps.ts), against a real SQLite database: a step passes a
// message that is not its case to the next one (undefined) and, when it is, ends the pipeline with its effect.
// The pipeline as a whole is tested in intake.test.ts and conversation.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/app/commands.js';
import { storeInbound } from '../../src/app/inbound-store.js';
import type { IntakeState } from '../../src/app/intake/state.js';
import * as steps from '../../src/app/intake/steps.js';
import { resolveReporter } from '../../src/app/reporters.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import type { Tx } from '../../src/db/client.js';
import { createTestContext, type TestContext, textMessage } from '../support/app-context.js';

const POTHOLE = 'Jalan di depan SDN 3 Jombang berlubang besar sudah dua bulan, mohon segera diperbaiki';
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext('sqlite');
});
afterAll(async () => t.close());

/** Stores `msg`, then runs `step` on a state built as the pipeline builds it; returns the outcome. */
async function run(step: steps.Step, msg: IncomingMessage, edit: (s: IntakeState) => void = () => {}) {
  const { messageId } = await storeInbound(t.ctx.db, msg);
  return t.ctx.db.$transaction(async (tx: Tx) => {
    const { reporter, isNew } = await resolveReporter(tx, msg);
    const text = msg.text.trim();
    const s: IntakeState = {
      tx,
      ctx: t.ctx,
      messageId: messageId as string,
      msg,
      text,
      command: msg.explicit ? null : parseCommand(text),
      now: t.clock.now,
      reporter,
      isNew,
      flooding: false,
    };
    edit(s);
    return { outcome: await step(s), messageId: messageId as string, reporterId: reporter.id };
  });
}
const replyOf = (messageId: string) => t.ctx.db.outbox.findUnique({ where: { dedupeKey: `reply:${messageId}` } });

describe('intake steps, one by one', () => {
  it('blocked: ends the pipeline for a blocked reporter only, without a reply', async () => {
    expect((await run(steps.blocked, textMessage('s1', POTHOLE))).outcome).toBeUndefined();
    const r = await run(steps.blocked, textMessage('s1', POTHOLE), (s) => {
      s.reporter = { ...s.reporter, blocked: true };
    });
    expect(r.outcome).toEqual({ complaint: null });
    expect(await replyOf(r.messageId)).toBeNull();
  });

  it('startCommand and statusCommand answer their command and nothing else', async () => {
    expect((await run(steps.startCommand, textMessage('s2', POTHOLE))).outcome).toBeUndefined();
    const start = await run(steps.startCommand, textMessage('s2', '/start'));
    expect((await replyOf(start.messageId))?.kind).toBe('welcome');
    const status = await run(steps.statusCommand, textMessage('s2', 'status CLG-261128-ZZZZ'));
    expect((await replyOf(status.messageId))?.kind).toBe('status');
    expect((await run(steps.statusCommand, textMessage('s2', '/start'))).outcome).toBeUndefined();
  });

  it('welcomeFirstContact queues the welcome once, for a new reporter in private, and never ends the pipeline', async () => {
    const first = await run(steps.welcomeFirstContact, textMessage('s3', POTHOLE));
    expect(first.outcome).toBeUndefined();
    expect(await t.ctx.db.outbox.count({ where: { dedupeKey: `welcome:${first.reporterId}` } })).toBe(1);
    const form = await run(steps.welcomeFirstContact, textMessage('s3b', POTHOLE, { explicit: true }));
    expect(await t.ctx.db.outbox.count({ where: { dedupeKey: `welcome:${form.reporterId}` } })).toBe(0);
  });

  it('privacyCommand sets the choice and confirms it', async () => {
    const r = await run(steps.privacyCommand, textMessage('s4', 'rahasia'));
    expect(r.outcome).toEqual({ complaint: null });
    expect((await t.ctx.db.reporter.findUniqueOrThrow({ where: { id: r.reporterId } })).privacy).toBe('rahasia');
  });

  it('contactShared records a proven phone; a typed number is not a contact', async () => {
    expect((await run(steps.contactShared, textMessage('s5', '0812 3456 7890'))).outcome).toBeUndefined();
    const r = await run(
      steps.contactShared,
      textMessage('s5', '', { kind: 'contact', sender: { externalId: 's5', phone: '0812 3456 7890' } }),
    );
    expect(r.outcome).toEqual({ complaint: null });
    expect((await t.ctx.db.reporter.findUniqueOrThrow({ where: { id: r.reporterId } })).phone).toBe('+6281234567890');
  });

  it('unsupported and empty answer politely; a public empty mention is not answered', async () => {
    const sticker = await run(steps.unsupported, textMessage('s6', '', { kind: 'unsupported' }));
    expect((await replyOf(sticker.messageId))?.kind).toBe('unsupported');
    const blank = await run(steps.empty, textMessage('s6', '   '));
    expect((await replyOf(blank.messageId))?.kind).toBe('empty');
    const mention = await run(
      steps.empty,
      textMessage('s6x', '', { channel: 'x', replyAddress: 'x:tweet:9', public: true }),
    );
    expect(mention.outcome).toEqual({ complaint: null });
    expect(await replyOf(mention.messageId)).toBeNull();
    expect((await run(steps.empty, textMessage('s6', POTHOLE))).outcome).toBeUndefined();
  });

  it('newComplaint opens a complaint; appendToOpen joins the next message within the window only', async () => {
    const opened = await run(steps.newComplaint, textMessage('s7', POTHOLE));
    const complaint = opened.outcome?.complaint;
    expect(complaint?.trackingId).toMatch(/^CLG-\d{6}-/);
    const joined = await run(steps.appendToOpen, textMessage('s7', 'sudah ada korban jatuh'));
    expect(joined.outcome?.complaint?.id).toBe(complaint?.id);
    const row = await t.ctx.db.complaint.findUniqueOrThrow({ where: { id: complaint?.id as string } });
    expect(row.text).toBe(`${POTHOLE}\nsudah ada korban jatuh`);
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    expect((await run(steps.appendToOpen, textMessage('s7', 'satu lagi'))).outcome).toBeUndefined();
  });

  it('answerToFollowUp adds the answer to what the agency asked to that complaint, not a new one', async () => {
    const opened = await run(steps.newComplaint, textMessage('s10', POTHOLE));
    const id = opened.outcome?.complaint?.id as string;
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    // Nothing asked yet: a message a day later is not an answer.
    expect((await run(steps.answerToFollowUp, textMessage('s10', 'lampu jalan juga mati'))).outcome).toBeUndefined();
    await t.ctx.db.complaint.update({ where: { id }, data: { status: 'in_progress' } });
    await t.ctx.db.complaintNote.create({
      data: {
        complaintId: id,
        authorName: 'DPUPR',
        visibility: 'public',
        body: 'Mohon kirim foto lokasinya.',
        createdAt: t.clock.now,
      },
    });
    t.clock.now = new Date(t.clock.now.getTime() + 3_600_000);
    const answer = await run(steps.answerToFollowUp, textMessage('s10', 'lubangnya di depan gerbang sekolah'));
    expect(answer.outcome?.complaint?.id).toBe(id);
    expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id } })).text).toContain('depan gerbang sekolah');
    expect((await replyOf(answer.messageId))?.kind).toBe('added');
    // Answered: the next message is not an answer again.
    expect((await run(steps.answerToFollowUp, textMessage('s10', 'ada lagi di jl lain'))).outcome).toBeUndefined();
  });

  it('answerToResolved: thanks close the loop, anything else reopens a recently resolved complaint', async () => {
    const opened = await run(steps.newComplaint, textMessage('s8', POTHOLE));
    const id = opened.outcome?.complaint?.id as string;
    await t.ctx.db.complaint.update({ where: { id }, data: { status: 'resolved', resolvedAt: t.clock.now } });
    const thanks = await run(steps.answerToResolved, textMessage('s8', 'terima kasih banyak pak'));
    expect(thanks.outcome?.complaint?.id).toBe(id);
    expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id } })).status).toBe('resolved');
    await run(steps.answerToResolved, textMessage('s8', 'jalannya masih berlubang, belum diperbaiki'));
    expect((await t.ctx.db.complaint.findUniqueOrThrow({ where: { id } })).status).not.toBe('resolved');
  });

  it('chatter keeps a greeting for the admins without a complaint; a complaint passes on', async () => {
    const hello = await run(steps.chatter, textMessage('s9', 'selamat pagi min, semangat terus'));
    expect(hello.outcome).toEqual({ complaint: null });
    expect((await t.ctx.db.message.findUniqueOrThrow({ where: { id: hello.messageId } })).disposition).toBe('chatter');
    expect((await run(steps.chatter, textMessage('s9', POTHOLE))).outcome).toBeUndefined();
  });
});
