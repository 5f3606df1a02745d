// Files a reporter uploads on the private page. Checked by their first bytes (a browser's content type is only
// a claim), kept in the web inbox under their content hash, and fetched from there by the attachment job
// through the adapter's download(), like a platform's file.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WebUpload } from './web-door.js';

/** Accepted types, recognised by their signature. */
const SIGNATURES: { mimeType: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mimeType: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mimeType: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) },
  {
    mimeType: 'image/webp',
    ext: 'webp',
    test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { mimeType: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];
const FILE_ID = /^[a-f0-9]{64}\.(jpg|png|webp|pdf)$/;

/** Why an upload was refused, in words for the reporter. */
export class UploadRefused extends Error {}

/** The type of a file from its first bytes, or null when it is not one we keep. */
export function sniffType(bytes: Buffer): { mimeType: string; ext: string } | null {
  const hit = SIGNATURES.find((s) => s.test(bytes));
  return hit ? { mimeType: hit.mimeType, ext: hit.ext } : null;
}

/** Checks and keeps one uploaded file; throws UploadRefused with an Indonesian reason. */
export async function keepUpload(dir: string, bytes: Buffer, maxBytes: number): Promise<WebUpload> {
  if (bytes.length === 0) throw new UploadRefused('Berkas yang dikirim kosong.');
  if (bytes.length > maxBytes) {
    const mb = Math.max(1, Math.round(maxBytes / 1024 / 1024));
    throw new UploadRefused(`Berkas terlalu besar (maksimal ${mb} MB).`);
  }
  const type = sniffType(bytes);
  if (!type) throw new UploadRefused('Jenis berkas tidak diterima. Kirim foto (JPG, PNG, WebP) atau dokumen PDF.');
  const fileId = `${createHash('sha256').update(bytes).digest('hex')}.${type.ext}`;
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, fileId), bytes);
  return { fileId, mimeType: type.mimeType, sizeBytes: bytes.length };
}

/** Reads a kept upload back (the adapter's download); refuses anything that is not an inbox file id. */
export async function readUpload(dir: string, fileId: string): Promise<{ bytes: Buffer; mimeType: string }> {
  if (!FILE_ID.test(fileId)) throw new UploadRefused(`not a web upload: ${fileId}`);
  const bytes = await readFile(path.join(dir, fileId));
  return { bytes, mimeType: sniffType(bytes)?.mimeType ?? 'application/octet-stream' };
}
