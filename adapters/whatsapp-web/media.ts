// Media of WhatsApp Web messages for the attachment job: recent media messages are kept in memory, older ones
// are fetched again through the browser, and each file is checked against the limit and the allowed types
// before and after its bytes are pulled.
import type { DownloadedFile } from '../../src/channels/contract.js';
import { WhatsAppDownloadError } from './errors.js';
import type { WaClientPort, WaMessageLike } from './types.js';

/** Media messages remembered for download(); older ones are fetched again with getMessageById. */
const RECENT_MEDIA = 500;
/** Types the attachment job may store; no SVG (it can carry script), no executables. */
const ALLOWED_MIME = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

/** Keeps a media message for download(), dropping the oldest past RECENT_MEDIA. */
export function remember(recent: Map<string, WaMessageLike>, raw: WaMessageLike): void {
  recent.delete(raw.id._serialized);
  recent.set(raw.id._serialized, raw);
  const oldest = recent.keys().next();
  if (recent.size > RECENT_MEDIA && !oldest.done) recent.delete(oldest.value);
}

/** Downloads the media of a message by its id; `readyClient` is null while WhatsApp is not connected. */
export async function downloadWaMedia(
  recent: Map<string, WaMessageLike>,
  readyClient: () => WaClientPort | null,
  platformFileId: string,
  maxBytes: number,
): Promise<DownloadedFile> {
  let message = recent.get(platformFileId);
  if (!message) {
    const client = readyClient();
    if (!client) throw new WhatsAppDownloadError('WhatsApp belum terhubung', 'not_connected', true);
    message = (await client.getMessageById?.(platformFileId)) ?? undefined;
  }
  if (!message?.downloadMedia) {
    throw new WhatsAppDownloadError(`message ${platformFileId} not found`, 'not_found', false);
  }
  // Check what the message declares before pulling the bytes through the browser.
  checkFile(message._data?.size, message._data?.mimetype, maxBytes);
  let media: Awaited<ReturnType<NonNullable<WaMessageLike['downloadMedia']>>>;
  try {
    media = await message.downloadMedia();
  } catch (err) {
    throw new WhatsAppDownloadError(`download failed: ${errorText(err)}`, 'not_connected', true);
  }
  // null/undefined: WhatsApp's copy expired and the phone has to re-upload it; a later try may work.
  if (!media) throw new WhatsAppDownloadError(`media of ${platformFileId} is not available`, 'expired', true);
  const mimeType = (media.mimetype.split(';')[0] ?? '').trim().toLowerCase();
  checkFile(media.filesize ?? Math.floor((media.data.length * 3) / 4), mimeType, maxBytes);
  const bytes = Buffer.from(media.data, 'base64');
  checkFile(bytes.length, mimeType, maxBytes);
  return { bytes, mimeType };
}

function checkFile(size: number | null | undefined, mimeType: string | undefined, maxBytes: number) {
  if (size !== null && size !== undefined && size > maxBytes) {
    throw new WhatsAppDownloadError(`file is ${size} bytes, limit ${maxBytes}`, 'too_large', false);
  }
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  if (mime && !ALLOWED_MIME.has(mime)) {
    throw new WhatsAppDownloadError(`file type ${mime} is not accepted`, 'unsupported_type', false);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
