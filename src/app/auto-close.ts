// The SP4N-LAPOR closing rule: a complaint is considered done when the agency followed up and the reporter has
// not answered for 10 working days ("Aduan dianggap selesai apabila sudah terdapat tindak lanjut ... dan telah
// berjalan 10 hari kerja setelah tindak lanjut dilakukan tanpa adanya balasan dari pelapor", LAPOR! app text).
// Here: an in-progress complaint whose latest public follow-up (a public note or a status change with a public
// note) has no reporter message after it. The reporter is warned first; any message they send in between (on
// any channel, about anything) restarts the wait. Closing is a 'resolve' by the system with a public note, so the
// reporter is told, and the usual reopen window still lets them reopen it by replying.
import { isUniqueViolation, type Tx } from '../db/client.js';
import { addWorkingDays } from '../domain/working-days.js';
import { enqueue } from '../outbox/enqueue.js';
import { caseRecipients } from './case-recipients.js';
import type { AppContext } from './context.js';
import { autoCloseNote, autoCloseWarning, localDate } from './escalation-texts.js';
import { transitionInTx } from './transitions.js';

export interface AutoCloseSettings {
  /** Working days without the reporter's answer after a follow-up; 0 switches the rule off. */
  afterWorkingDays: number;
  /** Working days before the closing the reporter is warned. */
  warnWorkingDays: number;
}

/** The actor recorded on the closing's status event. */
export const AUTO_CLOSE_ACTOR = 'system:auto-close';

/** Warns and closes what is due; returns how many warnings were queued and complaints closed. */
export async function runAutoClose(ctx: AppContext, s: AutoCloseSettings): Promise<{ warned: number; closed: number }> {
  if (s.afterWorkingDays <= 0) return { warned: 0, closed: 0 };
  const candidates = await pastWarningPoint(ctx, s);
  let warned = 0;
  let closed = 0;
  for (const id of candidates) {
    // Read outside a transaction first: most complaints are not due, and a write transaction per complaint
    // every tick would queue behind intake for nothing. What is due is decided again inside one.
    if ((await decide(ctx.db, ctx, s, id)).action === 'none') continue;
    const outcome = await ctx.db
      .$transaction(async (tx) => act(tx, ctx, s, await decide(tx, ctx, s, id)))
      .catch((err: unknown) => {
        // Another instance queued the same warning at the same moment (dedupe key): it is sent once, by them.
        if (isUniqueViolation(err)) return 'none' as const;
        throw err;
      });
    if (outcome === 'warned') warned++;
    if (outcome === 'closed') closed++;
  }
  if (warned + closed > 0) ctx.onOutboxWrite();
  return { warned, closed };
}

/**
 * In-progress complaints whose latest public follow-up is old enough to warn about: three grouped reads for
 * all of them, so a tick over a thousand followed-up complaints that are not due costs milliseconds.
 */
async function pastWarningPoint(ctx: AppContext, s: AutoCloseSettings): Promise<string[]> {
  const open = await ctx.db.complaint.findMany({
    where: { status: 'in_progress', mergedIntoId: null },
    select: { id: true },
  });
  const ids = open.map((c) => c.id);
  const latest = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [notes, events] = await Promise.all([
      ctx.db.complaintNote.groupBy({
        by: ['complaintId'],
        where: { complaintId: { in: chunk }, visibility: 'public' },
        _max: { createdAt: true },
      }),
      ctx.db.statusEvent.groupBy({
        by: ['complaintId'],
        where: { complaintId: { in: chunk }, publicNote: { not: null }, actor: { not: 'reporter' } },
        _max: { createdAt: true },
      }),
    ]);
    for (const row of [...notes, ...events]) {
      const t = row._max.createdAt?.getTime() ?? 0;
      if (t > (latest.get(row.complaintId) ?? 0)) latest.set(row.complaintId, t);
    }
  }
  const now = ctx.now();
  const lead = s.afterWorkingDays - warnDaysOf(s);
  return [...latest].filter(([, t]) => now >= addWorkingDays(new Date(t), lead, ctx.sla.calendar)).map(([id]) => id);
}

type Complaint = NonNullable<Awaited<ReturnType<Tx['complaint']['findUnique']>>>;
type Decision =
  | { action: 'none' }
  | { action: 'warn'; c: Complaint; warnKey: string }
  | { action: 'close'; c: Complaint };

/** What is due for one complaint now: nothing, the warning, or the closing. Reads only. */
async function decide(tx: Tx, ctx: AppContext, s: AutoCloseSettings, id: string): Promise<Decision> {
  const now = ctx.now();
  const none = { action: 'none' } as const;
  const c = await tx.complaint.findUnique({ where: { id } });
  if (c?.status !== 'in_progress') return none;
  const since = await waitingSince(tx, c.id);
  if (!since || (await reporterAnsweredSince(tx, c.id, since))) return none;
  const warnDays = warnDaysOf(s);
  const cal = ctx.sla.calendar;
  if (now < addWorkingDays(since, s.afterWorkingDays - warnDays, cal)) return none;
  const warnKey = `autoclose-warn:${c.id}:${since.getTime()}`;
  const warning = await tx.outbox.findUnique({ where: { dedupeKey: warnKey }, select: { createdAt: true } });
  // Told first, whenever the job sees it: the closing comes warnDays after the warning, never before.
  if (!warning) return { action: 'warn', c, warnKey };
  const closeAt = addWorkingDays(since, s.afterWorkingDays, cal);
  if (now < closeAt || now < addWorkingDays(warning.createdAt, warnDays, cal)) return none;
  return { action: 'close', c };
}

const warnDaysOf = (s: AutoCloseSettings) => Math.min(Math.max(s.warnWorkingDays, 0), s.afterWorkingDays);

/** Queues the warning to every reporter of the case, or closes the complaint. */
async function act(tx: Tx, ctx: AppContext, s: AutoCloseSettings, d: Decision): Promise<'none' | 'warned' | 'closed'> {
  if (d.action === 'none') return 'none';
  const { c } = d;
  const now = ctx.now();
  if (d.action === 'warn') {
    const closesAt = addWorkingDays(now, warnDaysOf(s), ctx.sla.calendar);
    let queued = false;
    for (const r of await caseRecipients(tx, c)) {
      if (r.reporterBlocked) continue;
      // False when another instance queued it a moment ago (its transaction committed after our read).
      queued =
        (await enqueue(tx, {
          dedupeKey: r.complaintId === c.id ? d.warnKey : `${d.warnKey}:${r.complaintId}`,
          address: r.address,
          complaintId: r.complaintId,
          kind: 'auto_close_warning',
          text: autoCloseWarning(r.trackingId, localDate(closesAt, ctx.sla.calendar.timeZone)),
        })) || queued;
    }
    return queued ? 'warned' : 'none';
  }
  // Row lock first: of two instances closing at once, the second finds it changed and stops.
  const { count } = await tx.complaint.updateMany({
    where: { id: c.id, status: 'in_progress', updatedAt: c.updatedAt },
    data: { updatedAt: now },
  });
  if (count === 0) return 'none';
  await transitionInTx(tx, ctx, {
    trackingId: c.trackingId,
    action: 'resolve',
    actor: AUTO_CLOSE_ACTOR,
    note: `Ditutup otomatis: tidak ada tanggapan pelapor ${s.afterWorkingDays} hari kerja setelah tindak lanjut.`,
    publicNote: autoCloseNote(s.afterWorkingDays),
  });
  return 'closed';
}

/** When the agency last told the reporter something (a public note, a status change with a public note). */
export async function waitingSince(tx: Tx, complaintId: string): Promise<Date | null> {
  const [note, event] = await Promise.all([
    tx.complaintNote.findFirst({
      where: { complaintId, visibility: 'public' },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    }),
    tx.statusEvent.findFirst({
      where: { complaintId, publicNote: { not: null }, actor: { not: 'reporter' } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    }),
  ]);
  const times = [note?.createdAt, event?.createdAt].filter((t): t is Date => t instanceof Date);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

/** Whether any reporter of the case wrote after the follow-up (on any channel, about anything). */
async function reporterAnsweredSince(tx: Tx, complaintId: string, since: Date): Promise<boolean> {
  const reporters = await tx.complaint.findMany({
    where: { OR: [{ id: complaintId }, { mergedIntoId: complaintId }] },
    select: { reporterId: true },
  });
  const ids = [...new Set(reporters.map((r) => r.reporterId))];
  // processedAt is our own clock (when intake read it), the same clock the follow-up was stamped with.
  const answer = await tx.message.findFirst({
    where: { reporterId: { in: ids }, direction: 'inbound', processedAt: { gt: since } },
    select: { id: true },
  });
  return answer !== null;
}
