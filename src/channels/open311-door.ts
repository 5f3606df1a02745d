// The Open311 GeoReport v2 door: a POST Service Request as the standard defines it
// (application/x-www-form-urlencoded, see http://wiki.open311.org/GeoReport_v2/#post-service-request), and the
// adapter's entry point the HTTP routes call. Owned by src/ (routes in src/http/open311), implemented by
// adapters/open311, so no route imports an adapter.
import { z } from 'zod';
import type { ChannelAdapter, InboundResult } from './contract.js';

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} terlalu panjang (maksimal ${max} karakter).`).optional();

/**
 * Validated POST Service Request. The standard makes description optional and wants lat/long or an address; a
 * complaint needs words, so description is required here. `attribute[...]` fields are ignored (our services
 * define no attributes). api_key is checked by the HTTP layer and never stored.
 */
export const open311RequestSchema = z
  .object({
    service_code: z
      .string({ error: 'service_code wajib diisi.' })
      .trim()
      .min(1, 'service_code wajib diisi.')
      .max(40, 'service_code tidak dikenal.'),
    lat: z.coerce.number({ error: 'lat harus berupa angka.' }).min(-90).max(90).optional(),
    long: z.coerce.number({ error: 'long harus berupa angka.' }).min(-180).max(180).optional(),
    address_string: text(500, 'address_string'),
    address_id: text(100, 'address_id'),
    description: z
      .string({ error: 'description wajib diisi: tuliskan laporannya.' })
      .trim()
      .min(10, 'description terlalu pendek (minimal 10 karakter).')
      .max(20_000, 'description terlalu panjang (maksimal 20.000 karakter).'),
    media_url: z
      .url({ protocol: /^https?$/, error: 'media_url harus berupa alamat http(s).' })
      .max(2000)
      .optional(),
    email: text(100, 'email'),
    phone: text(40, 'phone'),
    first_name: text(100, 'first_name'),
    last_name: text(100, 'last_name'),
    device_id: text(100, 'device_id'),
    account_id: text(100, 'account_id'),
    /** Not in the standard: an idempotency key a client may send (or the X-Request-Id header). */
    request_id: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'request_id: 8-100 karakter huruf, angka, titik, titik dua, garis.')
      .optional(),
  })
  .refine((r) => (r.lat === undefined) === (r.long === undefined), {
    error: 'lat dan long harus dikirim bersama.',
  })
  .refine((r) => (r.lat !== undefined && r.long !== undefined) || !!r.address_string || !!r.address_id, {
    error: 'Lokasi wajib diisi: lat dan long, address_string, atau address_id.',
  });
export type Open311Request = z.infer<typeof open311RequestSchema>;

/** The Open311 adapter: the contract plus the entry point the HTTP routes use. */
export interface Open311Adapter extends ChannelAdapter {
  readonly apiKey: string | undefined;
  /**
   * Files a request; resolves once it is stored (and processed) by the sink. With `requestId` a retried POST
   * files nothing new and answers what the first one made; without it every POST is a new request.
   */
  receive(request: Open311Request, receivedAt: Date, requestId?: string): Promise<InboundResult | null>;
}

/** Whether an adapter is the Open311 one. */
export function isOpen311Adapter(a: ChannelAdapter | undefined): a is Open311Adapter {
  return a?.name === 'open311' && 'receive' in a;
}
