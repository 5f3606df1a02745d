// The web door: what the public /lapor form (or a JSON client) submits, what a reporter does on their private
// page, and the web adapter's entry points the HTTP routes call. Owned by src/ (the routes live in src/http),
// implemented by adapters/web, so no route imports an adapter.
import { z } from 'zod';
import type { ChannelAdapter, InboundResult } from './contract.js';

/**
 * A random idempotency key: at least 22 characters of [A-Za-z0-9_-] (>= 128 bits when random). The private link
 * is derived from it, so a client must generate it from a cryptographic random source, never a counter.
 */
const randomKey = z
  .string({ error: 'submissionId tidak valid' })
  .regex(/^[A-Za-z0-9_-]{22,64}$/, 'submissionId tidak valid (minimal 22 karakter acak)')
  // A crude guard against "aaaa…" or "1234…": random keys of this length use many distinct characters.
  .refine((s) => new Set(s).size >= 10, 'submissionId tidak valid (minimal 22 karakter acak)');

/** Validated shape of a web submission. */
export const webSubmissionSchema = z.object({
  /** Idempotency key generated when the form was rendered, so a double click files one complaint. */
  submissionId: randomKey,
  text: z
    .string({ error: 'Mohon tuliskan laporan Anda.' })
    .max(20_000, 'Laporan terlalu panjang (maksimal 20.000 karakter).'),
  name: z.string().max(100, 'Nama terlalu panjang (maksimal 100 karakter).').optional(),
  /** An e-mail address or phone number for the admins; no update is sent there and it links nothing. */
  contact: z.string().max(100, 'Kontak terlalu panjang (maksimal 100 karakter).').optional(),
  privacy: z.enum(['named', 'anonim', 'rahasia'], { error: 'Pilihan kerahasiaan tidak dikenali.' }).default('named'),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
});
export type WebSubmission = z.infer<typeof webSubmissionSchema>;

/** What a reporter does on the private page: add information or answer, reopen, confirm, rate. */
export const webFollowUpSchema = z.object({
  /** A fresh key per rendered form, so a double click adds the information once. */
  actionId: randomKey,
  action: z.enum(['add', 'reopen', 'confirm', 'rate'], { error: 'Tindakan tidak dikenali.' }),
  text: z.string().max(5_000, 'Pesan terlalu panjang (maksimal 5.000 karakter).').default(''),
  rating: z.coerce.number().int().min(1, 'Nilai 1 sampai 5.').max(5, 'Nilai 1 sampai 5.').optional(),
});
export type WebFollowUp = z.infer<typeof webFollowUpSchema>;

/** A file uploaded on the private page, already checked and kept under the web inbox directory. */
export interface WebUpload {
  /** The stored file's name in the inbox (content hash + extension): the attachment's platform file id. */
  fileId: string;
  mimeType: string;
  sizeBytes: number;
}

/** The web adapter: the contract plus the entry points the HTTP routes use. */
export interface WebAdapter extends ChannelAdapter {
  readonly uploadDir: string;
  /** Files a submission under `reporterKey`; resolves once it is stored (and processed) by the sink. */
  receive(submission: WebSubmission, receivedAt: Date, reporterKey: string): Promise<InboundResult | null>;
  /** A reporter's action on one of their complaints through the private link. */
  receiveFollowUp(
    followUp: WebFollowUp,
    target: { trackingId: string; reporterKey: string; uploads: WebUpload[] },
    receivedAt: Date,
  ): Promise<InboundResult | null>;
}
