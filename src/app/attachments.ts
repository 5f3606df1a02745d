// Downloads the photos and documents reporters sent, once, into local storage, with a size limit and a
// content-type allowlist. Runs as a job: intake only records the platform's file id, so a slow or failing
// download never delays storing a message or acknowledging a complaint.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelAdapter, ChannelName } from '../channels/contract.js';
import { ChannelSendError } from '../channels/contract.js';
import { enqueue } from '../outbox/enqueue.js';
import type { AppContext } from './context.js';

/** What we keep: photos and PDFs. Anything else is refused (and the reporter told). */
export const ALLOWED_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
const MAX_ATTEMPTS = 5;

export interface AttachmentJobOptions {
  dir: string;
  maxBytes: number;
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>;
}

/** Downloads pending attachments; returns how many were stored. */
export async function downloadPendingAttachments(ctx: AppContext, opts: AttachmentJobOptions): Promise<number> {
  const pending = await ctx.db.attachment.findMany({
    where: { storagePath: null, downloadAttempts: { lt: MAX_ATTEMPTS }, platformFileId: { not: null } },
    include: { complaint: { select: { channel: true, replyAddress: true, trackingId: true } } },
    orderBy: { createdAt: 'asc' },
    take: 20,
  });
  let stored = 0;
  for (const a of pending) {
    const adapter = opts.adapters.get(a.complaint.channel as ChannelName);
    if (!adapter?.download || !a.platformFileId) continue;
    try {
      const file = await adapter.download(a.platformFileId, opts.maxBytes);
      const mime = file.mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
      const ext = ALLOWED_TYPES[mime];
      if (!ext) throw new RefusedFile(`type ${mime} is not accepted`, 'type');
      if (file.bytes.length > opts.maxBytes)
        throw new RefusedFile(`${file.bytes.length} bytes is over the limit`, 'size');
      const relative = path.join(a.complaintId, `${a.id}.${ext}`);
      await mkdir(path.join(opts.dir, a.complaintId), { recursive: true });
      await writeFile(path.join(opts.dir, relative), file.bytes);
      await ctx.db.attachment.update({
        where: { id: a.id },
        data: {
          storagePath: relative,
          mimeType: mime,
          sizeBytes: file.bytes.length,
          downloadError: null,
          downloadAttempts: { increment: 1 },
        },
      });
      stored++;
    } catch (err) {
      const refused = err instanceof RefusedFile || (err instanceof ChannelSendError && err.kind === 'permanent');
      const reason = err instanceof Error ? err.message : String(err);
      await ctx.db.$transaction(async (tx) => {
        await tx.attachment.update({
          where: { id: a.id },
          // A refused file will not change on retry: stop trying.
          data: { downloadError: reason.slice(0, 500), downloadAttempts: refused ? MAX_ATTEMPTS : { increment: 1 } },
        });
        if (refused) {
          await enqueue(tx, {
            dedupeKey: `attachment-refused:${a.id}`,
            address: a.complaint.replyAddress,
            complaintId: a.complaintId,
            kind: 'attachment_refused',
            text: refusalText(err, opts.maxBytes, a.complaint.trackingId),
          });
        }
      });
      ctx.logger.warn({ attachmentId: a.id, reason }, 'attachment not stored');
    }
  }
  if (stored || pending.length) ctx.onOutboxWrite();
  return stored;
}

class RefusedFile extends Error {
  constructor(
    message: string,
    readonly why: 'type' | 'size',
  ) {
    super(message);
  }
}

function refusalText(err: unknown, maxBytes: number, trackingId: string): string {
  const mb = Math.round(maxBytes / 1024 / 1024);
  if (err instanceof RefusedFile && err.why === 'type') {
    return `Mohon maaf, berkas yang Anda kirim untuk laporan ${trackingId} tidak dapat kami simpan. Kami menerima foto (JPG/PNG) dan dokumen PDF.`;
  }
  return `Mohon maaf, berkas yang Anda kirim untuk laporan ${trackingId} terlalu besar (maksimal ${mb} MB). Silakan kirim foto dengan ukuran lebih kecil.`;
}
