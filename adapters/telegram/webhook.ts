// Webhook mode: Telegram POSTs each Update to /webhooks/telegram with the secret we registered in
// `X-Telegram-Bot-Api-Secret-Token` (https://core.telegram.org/bots/api#setwebhook); anything else is 403.
import { timingSafeEqual } from 'node:crypto';
import type { WebhookRequest, WebhookResponse } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import type { TelegramAdapterConfig, Update } from './types.js';

/** Checks and reads one webhook request; `deliver` stores the update (and throws when it could not). */
export async function handleTelegramWebhook(
  config: TelegramAdapterConfig,
  logger: Logger,
  deliver: (update: Update) => Promise<void>,
  req: WebhookRequest,
): Promise<WebhookResponse> {
  if (!config.webhook) return { status: 404, body: { error: { code: 'not_found', message: 'webhook mode is off' } } };
  if (req.method !== 'POST')
    return { status: 405, body: { error: { code: 'method_not_allowed', message: 'POST only' } } };
  if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], config.webhook.secret)) {
    logger.warn({}, 'telegram webhook with a wrong or missing secret token');
    return { status: 403, body: { error: { code: 'forbidden', message: 'bad secret token' } } };
  }
  let update: Update;
  try {
    update = JSON.parse(req.rawBody.toString('utf8')) as Update;
    if (typeof update?.update_id !== 'number') throw new Error('update_id missing');
  } catch (err) {
    logger.warn({ err, body: req.rawBody.toString('utf8').slice(0, 2000) }, 'malformed telegram update');
    return { status: 400, body: { error: { code: 'invalid_update', message: 'not a Telegram Update' } } };
  }
  // Answer 200 only after the update is stored: a non-2xx makes Telegram deliver it again.
  await deliver(update);
  return { status: 200, body: { ok: true } };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
