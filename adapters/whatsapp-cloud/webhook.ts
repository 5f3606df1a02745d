// The inbound half: Meta's subscription handshake (GET) and signed deliveries (POST) at /webhooks/whatsapp.
// https://developers.facebook.com/docs/graph-api/webhooks/getting-started
import type { InboundSink, IncomingMessage, WebhookRequest, WebhookResponse } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { decodeWebhook } from './parse.js';
import { constantTimeEqual, verifySignature } from './signature.js';
import type { WhatsAppCloudConfig } from './types.js';

/** The body is logged when a signed payload is refused; cap it so a huge body cannot flood the log. */
const MAX_LOGGED_BODY = 2000;

/** What the webhook reads: the secrets and number from config, and the sink while the channel runs. */
export interface WebhookState {
  config: WhatsAppCloudConfig;
  logger: Logger;
  sink: InboundSink | null;
}

/** Meta's subscription handshake: echo hub.challenge when the verify token is ours. */
export function verifySubscription({ config, logger }: WebhookState, req: WebhookRequest): WebhookResponse {
  // https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
  const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = req.query;
  if (mode !== 'subscribe' || token === undefined || !constantTimeEqual(token, config.verifyToken)) {
    logger.warn({ mode }, 'whatsapp webhook verification refused: wrong hub.verify_token or hub.mode');
    return { status: 403, body: { error: { code: 'forbidden', message: 'verification token mismatch' } } };
  }
  if (!challenge) return { status: 400, body: { error: { code: 'bad_request', message: 'hub.challenge missing' } } };
  return { status: 200, body: challenge };
}

/** A signed delivery: every message, receipt and event of our number goes to the sink before Meta hears 200. */
export async function receive(w: WebhookState, req: WebhookRequest): Promise<WebhookResponse> {
  const { config, logger } = w;
  if (!verifySignature(req.rawBody, header(req, 'x-hub-signature-256'), config.appSecret)) {
    logger.warn({ bytes: req.rawBody.length }, 'whatsapp webhook refused: X-Hub-Signature-256 missing or wrong');
    return { status: 401, body: { error: { code: 'bad_signature', message: 'X-Hub-Signature-256 does not match' } } };
  }
  const decoded = decodeWebhook(req.rawBody);
  if (!decoded.ok) {
    // Signed by Meta yet not even an envelope: refused with 400 (the webhook route also keeps the raw body as
    // a 'malformed' Message row for inspection).
    const body = req.rawBody.toString('utf8').slice(0, MAX_LOGGED_BODY);
    logger.error({ error: decoded.error, body }, 'whatsapp webhook payload refused');
    return { status: 400, body: { error: { code: 'bad_payload', message: decoded.error } } };
  }
  if (!w.sink)
    return { status: 503, body: { error: { code: 'not_started', message: 'whatsapp channel not started' } } };
  try {
    for (const value of decoded.values) {
      if (value.phoneNumberId !== config.phoneNumberId) {
        // One Meta app can serve several numbers; replies to these would come from the wrong one.
        logger.warn({ phoneNumberId: value.phoneNumberId }, 'whatsapp webhook for another number ignored');
        continue;
      }
      for (const message of value.messages) {
        warnIfUndelivered(logger, message);
        await w.sink(message);
      }
    }
  } catch (err) {
    // Not stored: a 500 makes Meta deliver again, and the intake dedupes what did get stored.
    logger.error({ err }, 'whatsapp webhook could not be stored; Meta will retry');
    return { status: 500, body: { error: { code: 'internal', message: 'could not store the delivery' } } };
  }
  if (decoded.malformed.length > 0) {
    // Refusing the batch would make Meta retry the good parts for days: they are stored, the rest kept raw.
    logger.error({ parts: decoded.malformed.map((m) => m.error) }, 'whatsapp webhook parts not understood; kept raw');
  }
  return { status: 200, body: { ok: true }, malformed: decoded.malformed };
}

/** A failed receipt is worth a line in the log; the Outbox row records it for admins. */
function warnIfUndelivered(logger: Logger, message: IncomingMessage): void {
  if (message.event?.type === 'status' && message.event.failure) {
    logger.warn({ wamid: message.event.target, failure: message.event.failure }, 'whatsapp message not delivered');
  }
}

function header(req: WebhookRequest, name: string): string | undefined {
  const found = Object.entries(req.headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}
