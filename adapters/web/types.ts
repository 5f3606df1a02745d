// The web channel's raw payload: what the public /lapor form (or a JSON client) submits.
import { z } from 'zod';

/** Validated shape of a web submission. */
export const webSubmissionSchema = z.object({
  /** Idempotency key generated when the form was rendered, so a double click files one complaint. */
  submissionId: z
    .string({ error: 'submissionId tidak valid' })
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'submissionId tidak valid'),
  text: z
    .string({ error: 'Mohon tuliskan laporan Anda.' })
    .max(20_000, 'Laporan terlalu panjang (maksimal 20.000 karakter).'),
  name: z.string().max(100).optional(),
  contact: z.string().max(100).optional(),
  privacy: z.enum(['named', 'anonim', 'rahasia']).default('named'),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
});
export type WebSubmission = z.infer<typeof webSubmissionSchema>;
