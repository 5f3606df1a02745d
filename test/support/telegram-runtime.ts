// The product started against the fake Telegram Bot API on a fresh database, as most end-to-end tests over
// Telegram need it; and the runtimes of tests that check what several instances do at the same moment.
import type { Runtime, RuntimeDeps } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { freshDatabase, type PROVIDERS, type TestDatabase } from './databases.js';
import { startTestRuntime } from './runtime.js';

type Provider = (typeof PROVIDERS)[number];

/** A fake Bot API and a fresh database, with the env that points the product at both (plus `extra`). */
export async function fakeTelegramAndDatabase(provider: Provider, extra: Record<string, string> = {}) {
  const fake = await startFakeTelegram();
  const database = await freshDatabase(provider);
  const env = { DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...extra };
  return { fake, database, env };
}

/** The product on a fresh database, talking to a fresh fake Bot API. */
export async function startTelegramRuntime(
  provider: Provider,
  extra: Record<string, string> = {},
  deps: Partial<RuntimeDeps> = {},
): Promise<{ fake: FakeTelegram; database: TestDatabase; rt: Runtime }> {
  const { fake, database, env } = await fakeTelegramAndDatabase(provider, extra);
  return { fake, database, rt: await startTestRuntime(env, deps) };
}

/** Env for Telegram updates arriving on the product's webhook (checked against `secret`) instead of polling. */
export function telegramWebhookEnv(secret: string): Record<string, string> {
  return { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: secret, PUBLIC_BASE_URL: 'https://lapor.example.go.id' };
}

/**
 * The Telegram set-up of a job that must act once even when instances race, each instance reading `deps`'s clock.
 * PostgreSQL: a second instance on the same database, as in a deployment of several. SQLite is the
 * single-instance embedded mode: there the two runs race inside one instance, so `second` is `rt`.
 */
export async function startRacingTelegramInstances(
  provider: Provider,
  extra: Record<string, string>,
  deps: Partial<RuntimeDeps>,
): Promise<{ fake: FakeTelegram; database: TestDatabase; rt: Runtime; second: Runtime }> {
  const { fake, database, env } = await fakeTelegramAndDatabase(provider, extra);
  const rt = await startTestRuntime(env, deps);
  const second = provider === 'postgresql' ? await startTestRuntime(env, deps) : rt;
  return { fake, database, rt, second };
}
