import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTING_NAMES } from '../../src/config/config.js';

describe('configuration', () => {
  it('documents every setting in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const missing = SETTING_NAMES.filter((name) => !new RegExp(`^${name}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('runs on SQLite with nothing set', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('file:data/kanal-aduan.db');
    expect(c.port).toBe(3000);
    expect(c.telegram).toBeUndefined();
    expect(c.whatsappCloud).toBeUndefined();
    expect(c.x).toBeUndefined();
  });

  it('names every bad variable in one clear error', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'abc', CITY_CODE: 'cilegon', OUTBOX_MAX_ATTEMPTS: '0' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'CITY_CODE', 'OUTBOX_MAX_ATTEMPTS']) expect(err?.message).toContain(name);
  });

  it('refuses half-configured channels', () => {
    expect(() => loadConfig({ WHATSAPP_MODE: 'cloud', WHATSAPP_ACCESS_TOKEN: 't' })).toThrow(/WHATSAPP_APP_SECRET/);
    expect(() => loadConfig({ X_CLIENT_ID: 'a' })).toThrow(/X_REFRESH_TOKEN/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '1:a', TELEGRAM_MODE: 'webhook' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.id' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('builds the Telegram webhook URL from PUBLIC_BASE_URL', () => {
    const c = loadConfig({
      TELEGRAM_BOT_TOKEN: '1:a',
      TELEGRAM_MODE: 'webhook',
      PUBLIC_BASE_URL: 'https://lapor.cilegon.go.id/',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop',
    });
    expect(c.telegram?.webhook?.url).toBe('https://lapor.cilegon.go.id/webhooks/telegram');
  });
});
