// Maps whatsapp-web.js / puppeteer failures to the contract's send-failure kinds. WA Web has no status codes:
// errors are strings thrown from inside the page ("Evaluation failed: …") or by puppeteer when the browser
// went away, so the message text is all there is to go on. The outbox's retry policy does the rest.
import { ChannelSendError } from '../../src/channels/contract.js';

/** WA Web never says how long to wait; a minute keeps us well clear of whatever tripped it. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = 60_000;

/** Retrying cannot help: the number is not on WhatsApp or the id is malformed. */
const PERMANENT = [
  /not registered/i,
  /invalid wid/i,
  /wid error/i,
  // Thrown by WA Web's findOrCreateLatestChat for numbers it cannot resolve (and for a LID sent as @c.us).
  /no lid for user/i,
  /invalid (chat|number|phone)/i,
];

/** The browser, the page or the socket went away or was slow: a reconnect or a later attempt helps. */
const TRANSIENT = [
  /evaluation failed/i,
  /session closed/i,
  /protocol error/i,
  /target closed/i,
  /detached frame/i,
  /execution context was destroyed/i,
  /timed? ?out/i,
  /navigation/i,
  /ECONNRESET|ECONNREFUSED|socket hang up/i,
];

/** Classifies a send failure: "too many" → rate_limited, bad or unknown number → permanent, the rest transient. */
export function mapWhatsAppWebError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  // Rate limiting is not signalled by WA Web as such; treat any "too many" text as one.
  if (/too many|rate.?limit|rate-overlimit/i.test(message)) {
    return new ChannelSendError(message, 'rate_limited', DEFAULT_RATE_LIMIT_DELAY_MS);
  }
  // Checked before TRANSIENT: page errors arrive wrapped as "Evaluation failed: Error: wid error: invalid wid".
  if (PERMANENT.some((re) => re.test(message))) return new ChannelSendError(message, 'permanent');
  if (name === 'TimeoutError' || TRANSIENT.some((re) => re.test(message))) {
    return new ChannelSendError(message, 'transient');
  }
  // Unknown: retry with backoff; the policy gives up after its maximum attempts.
  return new ChannelSendError(message, 'transient');
}

/** Why a media download failed; `retryable` tells the attachment job whether a later try can succeed. */
export class WhatsAppDownloadError extends Error {
  constructor(
    message: string,
    readonly reason: 'not_connected' | 'not_found' | 'expired' | 'too_large' | 'unsupported_type',
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WhatsAppDownloadError';
  }
}
