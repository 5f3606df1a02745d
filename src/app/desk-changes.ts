// Smaller desk actions: an officer sends a complaint back ("salah alamat"), the desk corrects a complaint's
// category or location, an officer attaches evidence photos, a failed delivery or a dead message is retried.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ALLOWED_TYPES } from './attachments.js';
import type { AppContext } from './context.js';
import { complaintNotFound, DeskError } from './desk-errors.js';

/** Officer: the complaint is not ours. Back to the review queue, the reason kept as an internal note. */
export async function returnToDesk(
  ctx: AppContext,
  req: { trackingId: string; reason: string; user: { id: string; email: string; name: string }; scope: object },
) {
  return ctx.db.$transaction(async (tx) => {
    const c = await tx.complaint.findFirst({ where: { trackingId: req.trackingId, ...req.scope } });
    if (!c) throw complaintNotFound(req.trackingId);
    if (!['forwarded', 'in_progress'].includes(c.status)) {
      throw new DeskError(
        409,
        'illegal_transition',
        'Hanya laporan yang sedang di perangkat daerah yang dapat dikembalikan.',
      );
    }
    const to = c.verifiedAt ? 'verified' : 'received';
    const now = ctx.now();
    await tx.complaint.update({
      where: { id: c.id },
      data: { status: to, assignedAgency: null, needsReview: true, followUpDueAt: null, forwardedAt: null },
    });
    await tx.statusEvent.create({
      data: {
        complaintId: c.id,
        actor: req.user.email,
        action: 'return',
        fromStatus: c.status,
        toStatus: to,
        agencyCode: c.assignedAgency,
        note: `Salah alamat: ${req.reason.trim()}`,
        createdAt: now,
      },
    });
    await tx.complaintNote.create({
      data: {
        complaintId: c.id,
        userId: req.user.id,
        authorName: req.user.name,
        visibility: 'internal',
        body: `Dikembalikan oleh ${c.assignedAgency ?? 'perangkat daerah'} (salah alamat): ${req.reason.trim()}`,
        createdAt: now,
      },
    });
    // The wrong agency must stop training the classifier; the desk's next forward records the right one.
    await tx.labelledExample.deleteMany({ where: { complaintId: c.id, source: 'admin' } });
    return { trackingId: c.trackingId, from: c.status, to };
  });
}

/** Desk: corrects the suggested agency (category) or the location. */
export async function correctComplaint(
  ctx: AppContext,
  trackingId: string,
  patch: {
    suggestedAgency?: string;
    latitude?: number | null;
    longitude?: number | null;
    locationText?: string | null;
  },
) {
  const c = await ctx.db.complaint.findUnique({ where: { trackingId } });
  if (!c) throw complaintNotFound(trackingId);
  if (patch.suggestedAgency) {
    const agency = await ctx.db.agency.findUnique({ where: { code: patch.suggestedAgency } });
    if (!agency) throw new DeskError(400, 'unknown_agency', `Perangkat daerah ${patch.suggestedAgency} tidak dikenal.`);
  }
  return ctx.db.complaint.update({ where: { id: c.id }, data: patch });
}

/** Officer or desk: stores an evidence photo on the complaint, like a reporter's attachment. */
export async function addEvidence(
  ctx: AppContext,
  req: {
    trackingId: string;
    scope: object;
    fileName: string;
    mimeType: string;
    bytes: Buffer;
    dir: string;
    maxBytes: number;
  },
) {
  const ext = ALLOWED_TYPES[req.mimeType];
  if (!ext || !req.mimeType.startsWith('image/')) {
    throw new DeskError(400, 'invalid_file', 'Bukti hanya dapat berupa foto (JPG, PNG, atau WEBP).');
  }
  if (req.bytes.length === 0 || req.bytes.length > req.maxBytes) {
    throw new DeskError(
      400,
      'invalid_file',
      `Ukuran foto harus antara 1 byte dan ${Math.round(req.maxBytes / 1048576)} MB.`,
    );
  }
  const c = await ctx.db.complaint.findFirst({ where: { trackingId: req.trackingId, ...req.scope } });
  if (!c) throw complaintNotFound(req.trackingId);
  const id = randomUUID();
  const relative = path.join(c.id, `evidence-${id}.${ext}`);
  await mkdir(path.join(req.dir, c.id), { recursive: true });
  await writeFile(path.join(req.dir, relative), req.bytes);
  return ctx.db.attachment.create({
    data: {
      complaintId: c.id,
      kind: 'evidence',
      mimeType: req.mimeType,
      caption: req.fileName.slice(0, 200),
      storagePath: relative,
      sizeBytes: req.bytes.length,
      createdAt: ctx.now(),
    },
  });
}

/** A failed delivery is queued again (fresh attempts), once. */
export async function retryOutbox(ctx: AppContext, id: string) {
  const { count } = await ctx.db.outbox.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: ctx.now(), lastError: null, lockedUntil: null },
  });
  if (count === 0) {
    const exists = await ctx.db.outbox.findUnique({ where: { id }, select: { status: true } });
    if (!exists) throw new DeskError(404, 'not_found', 'Pesan keluar tidak ditemukan.');
    throw new DeskError(409, 'not_failed', 'Hanya pengiriman yang gagal yang dapat dikirim ulang.');
  }
  ctx.onOutboxWrite();
}

/** A dead inbound message goes back to the recovery job with fresh attempts. */
export async function retryDeadMessage(ctx: AppContext, id: string) {
  const { count } = await ctx.db.message.updateMany({
    where: { id, direction: 'inbound', state: 'dead' },
    data: { state: 'failed', attempts: 0, nextAttemptAt: ctx.now(), createdAt: undefined },
  });
  if (count === 0) throw new DeskError(404, 'not_found', 'Pesan yang gagal diproses tidak ditemukan.');
}
