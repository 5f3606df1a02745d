// Rate limits of the public doors (per client address), answered politely in Indonesian: a page for browsers,
// the usual JSON error for /api and JSON clients (sendError decides). Webhooks carry no limit: they are signed.
import type {} from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

/** Requests per minute per client address. */
export interface PublicRateLimits {
  reportsPerMinute: number;
  lookupsPerMinute: number;
  privatePagePerMinute: number;
}

/** The defaults of RATE_LIMIT_* (see .env.example). */
export const DEFAULT_PUBLIC_RATE_LIMITS: PublicRateLimits = {
  reportsPerMinute: 5,
  lookupsPerMinute: 20,
  privatePagePerMinute: 30,
};

/** A route's rate-limit config for @fastify/rate-limit (registered with global: false). */
export function perMinute(max: number) {
  return { rateLimit: { max, timeWindow: 60_000 } };
}

/** What a client that exceeded a limit is told (thrown by the plugin, rendered by the error handler). */
export function tooManyRequests(_req: FastifyRequest, context: { after: string; ttl: number }): HttpError {
  const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
  return new HttpError(
    429,
    'rate_limited',
    `Mohon maaf, terlalu banyak permintaan dari alamat Anda. Silakan coba lagi dalam ${seconds} detik.`,
  );
}
