// The only module that reads process.env. Everything else receives a resolved, validated Config.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: optionalString,
  DATABASE_URL: optionalString,
  CITY_CODE: z
    .string()
    .regex(/^[A-Z]{2,5}$/, 'must be 2–5 capital letters, e.g. CLG')
    .default('CLG'),
  CITY_NAME: z.string().min(1).default('Kota Cilegon'),
  TIMEZONE: z.string().default('Asia/Jakarta'),
  ADMIN_EMAIL: optionalString,
  ADMIN_PASSWORD: optionalString,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: bool.default(false),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  OUTBOX_CRON: z.string().default('*/15 * * * * *'),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  COMPLAINT_MERGE_WINDOW_MINUTES: z.coerce.number().min(0).default(5),
  REOPEN_WINDOW_DAYS: z.coerce.number().min(0).default(14),
  CLASSIFIER_REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  MODEL_DIR: z.string().default('data/models'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Validated settings; see .env.example for what each one means. */
export interface Config {
  port: number;
  host: string;
  publicBaseUrl: string | undefined;
  databaseUrl: string;
  dataDir: string;
  cityCode: string;
  cityName: string;
  timezone: string;
  admin: { email: string; password: string } | undefined;
  sessionTtlHours: number;
  cookieSecure: boolean;
  telegram: { token: string; apiRoot: string; webhook?: { url: string; secret: string } } | undefined;
  attachments: { dir: string; maxBytes: number };
  outbox: { cron: string; batchSize: number; maxAttempts: number; leaseSeconds: number };
  mergeWindowMinutes: number;
  reopenWindowDays: number;
  classifier: { threshold: number; modelDir: string };
  logLevel: string;
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {}

/** Parses an environment (process.env by default) once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (e.ADMIN_PASSWORD !== undefined && e.ADMIN_PASSWORD.length < 8) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_PASSWORD: must be at least 8 characters');
  }
  if (e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_MODE === 'webhook' && (!e.PUBLIC_BASE_URL || !e.TELEGRAM_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'Invalid configuration:\n  TELEGRAM_MODE=webhook needs PUBLIC_BASE_URL (https) and TELEGRAM_WEBHOOK_SECRET',
    );
  }
  const databaseUrl = e.DATABASE_URL ?? `file:${e.DATA_DIR}/kanal-aduan.db`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: must start with file: or postgresql://');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    databaseUrl,
    dataDir: e.DATA_DIR,
    cityCode: e.CITY_CODE,
    cityName: e.CITY_NAME,
    timezone: e.TIMEZONE,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook:
            e.TELEGRAM_MODE === 'webhook' && e.PUBLIC_BASE_URL && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: `${e.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/telegram`, secret: e.TELEGRAM_WEBHOOK_SECRET }
              : undefined,
        }
      : undefined,
    attachments: { dir: `${e.DATA_DIR}/attachments`, maxBytes: e.ATTACHMENT_MAX_BYTES },
    outbox: {
      cron: e.OUTBOX_CRON,
      batchSize: e.OUTBOX_BATCH_SIZE,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      leaseSeconds: e.OUTBOX_LEASE_SECONDS,
    },
    mergeWindowMinutes: e.COMPLAINT_MERGE_WINDOW_MINUTES,
    reopenWindowDays: e.REOPEN_WINDOW_DAYS,
    classifier: { threshold: e.CLASSIFIER_REVIEW_THRESHOLD, modelDir: e.MODEL_DIR },
    logLevel: e.LOG_LEVEL,
  };
}
