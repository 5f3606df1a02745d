// A case and its merged duplicates: every reporter of a merged complaint keeps getting the case's updates on
// their own channel, quoting their own tracking ID.
import type { Tx } from '../db/client.js';

export interface CaseComplaint {
  id: string;
  trackingId: string;
  replyAddress: string;
  privacy: string;
  reporterId: string;
}

/** One reporter to tell about a case: their complaint, its tracking ID and where to write. */
export interface Recipient {
  complaintId: string;
  trackingId: string;
  address: string;
  reporterBlocked: boolean;
}

const FIELDS = { id: true, trackingId: true, replyAddress: true, privacy: true, reporterId: true } as const;

/**
 * Where a status update goes: the channel the reporter used. One exception: a confidential (anonim/rahasia)
 * complaint that came in as a public X mention is updated by DM, so its progress is not posted in public.
 */
export async function notificationAddress(tx: Tx, c: CaseComplaint): Promise<string> {
  if (c.privacy === 'named' || !c.replyAddress.startsWith('x:tweet:')) return c.replyAddress;
  return (await xDmAddress(tx, c.reporterId)) ?? c.replyAddress;
}

/** The reporter's X DM address when they have one. */
export async function xDmAddress(tx: Tx, reporterId: string): Promise<string | null> {
  const x = await tx.channelIdentity.findFirst({ where: { reporterId, channel: 'x' } });
  return x ? `x:dm:${x.externalId}` : null;
}

/** The case itself first, then every complaint merged into it. */
export async function caseRecipients(tx: Tx, c: CaseComplaint): Promise<Recipient[]> {
  const merged = await tx.complaint.findMany({ where: { mergedIntoId: c.id }, select: FIELDS });
  const all = [c, ...merged];
  const reporters = await tx.reporter.findMany({
    where: { id: { in: all.map((x) => x.reporterId) } },
    select: { id: true, blocked: true },
  });
  const blocked = new Set(reporters.filter((r) => r.blocked).map((r) => r.id));
  const out: Recipient[] = [];
  for (const x of all) {
    out.push({
      complaintId: x.id,
      trackingId: x.trackingId,
      address: await notificationAddress(tx, x),
      reporterBlocked: blocked.has(x.reporterId),
    });
  }
  return out;
}
