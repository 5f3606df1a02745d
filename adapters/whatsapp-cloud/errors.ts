// Maps Graph API failures to the contract's send-failure kinds. The outbox's retry policy does the rest.
// Meta asks to decide on the numeric `code`, not on titles or messages:
// https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
import { z } from 'zod';
import { ChannelSendError, type SendFailureKind } from '../../src/channels/contract.js';

/** How long to wait after a rate limit when no Retry-After header says otherwise (Graph rarely sends one). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** 131047 "Re-engagement message": more than 24 h since the user last wrote; only a template goes through. */
export const REENGAGEMENT_CODE = 131047;

/**
 * Throughput limits: 4 (app call limit), 80007 (WABA rate limit), 130429 (Cloud API throughput),
 * 131048 (spam rate limit), 131056 (too many messages to one user, "pair rate limit").
 */
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131048, 131056]);

/** 1 (unknown API error), 2 (temporary service error), 131000 (something went wrong), 133004 (server busy). */
const TRANSIENT_CODES: ReadonlySet<number> = new Set([1, 2, 131000, 133004]);

/** The Graph error envelope: {"error":{"message","type","code","error_subcode","error_data","fbtrace_id"}}. */
const graphErrorEnvelope = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** The fields of a Graph error this module reads. */
export type GraphErrorBody = z.infer<typeof graphErrorEnvelope>['error'];

/**
 * A send refused because the 24-hour customer-service window is closed (131047). Permanent for the outbox,
 * but the adapter catches it and sends the approved template instead.
 */
export class OutsideWindowError extends ChannelSendError {
  constructor(message: string, status?: number) {
    super(message, 'permanent', undefined, status);
    this.name = 'OutsideWindowError';
  }
}

/** 131016: service unavailable. Reported in `failed` statuses after Meta had accepted the send. */
const TRANSIENT_DELIVERY_CODES: ReadonlySet<number> = new Set([131016]);

/**
 * Whether sending again can help when Meta reports a message it had accepted as `failed` (statuses[].errors):
 * throughput and temporary errors can, undeliverable (131026), "Meta chose not to deliver" (131049) or a closed
 * window (131047) cannot. Unknown or missing codes count as permanent, so they reach an admin rather than loop.
 */
export function classifyDeliveryError(code: number | undefined): SendFailureKind {
  if (code === undefined) return 'permanent';
  if (RATE_LIMIT_CODES.has(code)) return 'rate_limited';
  if (TRANSIENT_CODES.has(code) || TRANSIENT_DELIVERY_CODES.has(code)) return 'transient';
  return 'permanent';
}

/** Classifies a non-2xx Graph response from its status, JSON body and Retry-After header. */
export function mapGraphError(status: number, bodyText: string, retryAfterHeader: string | null): ChannelSendError {
  const error = readGraphError(bodyText);
  const code = error?.code;
  const detail = error?.error_data?.details ? ` (${error.error_data.details})` : '';
  // fbtrace_id is what Meta support asks for when an error needs investigating.
  const trace = error?.fbtrace_id ? ` [fbtrace_id ${error.fbtrace_id}]` : '';
  const head = `WhatsApp Graph API ${status}${code !== undefined ? ` code ${code}` : ''}`;
  const text = `${head}: ${error?.message ?? (bodyText.slice(0, 200) || 'no body')}${detail}${trace}`;
  if (code === REENGAGEMENT_CODE) return new OutsideWindowError(text, status);
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    return new ChannelSendError(text, 'rate_limited', retryAfterMs(retryAfterHeader), status);
  }
  if (status >= 500 || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return new ChannelSendError(text, 'transient', undefined, status);
  }
  // 190 (expired or revoked token), 100 (bad parameter), 131026 (undeliverable), 132xxx (template problems):
  // retrying the same request cannot help.
  return new ChannelSendError(text, 'permanent', undefined, status);
}

/** Network errors, DNS failures and timeouts (AbortSignal.timeout) are worth retrying. */
export function mapFetchFailure(err: unknown, what: string): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new ChannelSendError(`WhatsApp Graph API ${what} failed: ${reason}`, 'transient');
}

function readGraphError(bodyText: string): GraphErrorBody | undefined {
  try {
    const parsed = graphErrorEnvelope.safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    // A proxy's HTML error page: the HTTP status alone decides.
    return undefined;
  }
}

/** Retry-After in seconds or as an HTTP date; the default when absent or unreadable. */
function retryAfterMs(header: string | null): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
    const at = Date.parse(header);
    if (Number.isFinite(at) && at > Date.now()) return at - Date.now();
  }
  return DEFAULT_RATE_LIMIT_WAIT_MS;
}
