// Input of the Open311 routes: the GET Service Requests filters, the optional idempotency key, messages.
import { type ZodError, z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { Open311Error } from './format.js';
import type { RequestFilter } from './views.js';

const indonesian = z.locales.id().localeError;
const date = z.iso.datetime({ offset: true, error: 'Tanggal harus ISO 8601 dengan zona waktu.' });

/** A comma-delimited list (the standard's way to ask for several values), upper- or lower-cased. */
const list = (upper: boolean) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => (upper ? x.trim().toUpperCase() : x.trim().toLowerCase()))
        .filter(Boolean),
    );

const listSchema = z.object({
  service_request_id: list(true)
    .refine((ids) => ids.length <= 50, 'Paling banyak 50 service_request_id sekaligus.')
    .optional(),
  service_code: list(true).optional(),
  start_date: date.optional(),
  end_date: date.optional(),
  status: list(false)
    .refine((xs) => xs.every((x) => x === 'open' || x === 'closed'), 'status harus open atau closed.')
    .transform((xs) => xs as ('open' | 'closed')[])
    .optional(),
  jurisdiction_id: z.string().max(100).optional(),
});

/** The problems of a rejected input, one line. */
export function zodMessage(err: ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Validated filters of GET Service Requests; a 400 in the standard's shape otherwise. */
export function listQuery(query: unknown): RequestFilter {
  const r = listSchema.safeParse(query ?? {}, { error: indonesian });
  if (!r.success) throw new Open311Error(400, zodMessage(r.error));
  const q = r.data;
  const start = q.start_date ? new Date(q.start_date) : undefined;
  const end = q.end_date ? new Date(q.end_date) : undefined;
  if (start && end && start > end) throw new Open311Error(400, 'start_date harus sebelum end_date.');
  if (start && end && end.getTime() - start.getTime() > 90 * 86_400_000) {
    throw new Open311Error(400, 'Rentang start_date sampai end_date paling panjang 90 hari.');
  }
  return { ids: q.service_request_id, serviceCodes: q.service_code, start, end, statuses: q.status };
}

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** The idempotency key: the X-Request-Id header or the request_id field; none means every POST is new. */
export function requestIdOf(header: string | string[] | undefined, field: string | undefined): string | undefined {
  if (header === undefined) return field;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw new Open311Error(400, 'X-Request-Id: 8-100 karakter huruf, angka, titik, titik dua, garis.');
  }
  return header;
}

/** What the other system is told after filing (service_notice). */
export function serviceNotice(ctx: AppContext, trackingId: string | null): string {
  const days = ctx.sla.verifyWorkingDays;
  return trackingId
    ? `Laporan diterima dengan nomor pelacakan ${trackingId} dan akan diverifikasi dalam ${days} hari kerja.`
    : `Laporan sudah tersimpan dan sedang diproses; nomor pelacakan dapat diminta dengan token ini. Verifikasi dalam ${days} hari kerja.`;
}
