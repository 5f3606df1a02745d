// The only module that reads process.env. Everything else receives a resolved, validated Config.

import { z } from 'zod';
import { type ChannelRate, DEFAULT_CHANNEL_RATES } from '../outbox/rate-limiter.js';
import type { WhatsAppCloudConfig, WhatsAppWebConfig, XAdapterConfig } from './channel-settings.js';

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
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(25),
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
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  LOGIN_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  COOKIE_SECURE: bool.default(false),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  WHATSAPP_MODE: z.enum(['off', 'cloud', 'web']).default('off'),
  WHATSAPP_WEB_SESSION_DIR: optionalString,
  WHATSAPP_WEB_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only (a LocalAuth rule)')
    .default('kanal-aduan'),
  WHATSAPP_WEB_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_WEB_HEADLESS: bool.default(true),
  WHATSAPP_WEB_MIN_SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  X_ACCESS_TOKEN: optionalString,
  X_REFRESH_TOKEN: optionalString,
  X_API_BASE_URL: z.string().url().default('https://api.x.com'),
  X_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  X_POLL_DMS: bool.default(true),
  X_INITIAL_LOOKBACK_HOURS: z.coerce.number().min(0).default(24),
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_ACCESS_TOKEN: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_TEMPLATE_NAME: z.string().min(1).default('pembaruan_laporan'),
  WHATSAPP_TEMPLATE_LANGUAGE: z.string().min(2).default('id'),
  WHATSAPP_GRAPH_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  WHATSAPP_GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  OUTBOX_CRON: z.string().default('*/15 * * * * *'),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  TELEGRAM_SEND_PER_SECOND: z.coerce.number().min(0).max(1000).default(30),
  TELEGRAM_SEND_PER_CHAT_PER_SECOND: z.coerce.number().min(0).max(100).default(1),
  WHATSAPP_SEND_PER_SECOND: z.coerce.number().min(0).max(1000).default(80),
  INBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  RATE_LIMIT_REPORTS_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  RATE_LIMIT_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_PRIVATE_PAGE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Required in api_key of Open311 POST requests when set (the other city systems that file through Open311). */
  OPEN311_API_KEY: optionalString,
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9A-Za-z.:/,\s]+)$/, 'true, false, or addresses/subnets')
    .default('loopback'),
  COMPLAINT_MERGE_WINDOW_MINUTES: z.coerce.number().min(0).default(5),
  REOPEN_WINDOW_DAYS: z.coerce.number().min(0).default(14),
  SATISFACTION_WINDOW_DAYS: z.coerce.number().min(0).default(7),
  SATISFACTION_LOW_RATING: z.coerce.number().int().min(0).max(5).default(2),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(120).default(10),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
  SLA_VERIFY_WORKING_DAYS: z.coerce.number().int().min(1).default(3),
  SLA_FOLLOW_UP_DAYS: z.coerce.number().int().min(1).default(30),
  HOLIDAYS_FILE: z.string().default('data/holidays'),
  ESCALATION_CRON: z.string().default('*/5 * * * *'),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  AUTO_CLOSE_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(10),
  AUTO_CLOSE_WARNING_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  LINK_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  CLASSIFIER_REVIEW_THRESHOLD: z.coerce.number().min(0).max(1).default(0.94),
  MODEL_DIR: z.string().default('data/models'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every environment variable the product reads (a test checks each is documented in .env.example). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

/** Validated settings; see .env.example for what each one means. */
export interface Config {
  port: number;
  host: string;
  /** Longest a graceful stop (SIGTERM/SIGINT) may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  publicBaseUrl: string | undefined;
  databaseUrl: string;
  dataDir: string;
  cityCode: string;
  cityName: string;
  timezone: string;
  admin: { email: string; password: string } | undefined;
  sessionTtlHours: number;
  /** Password verifications (scrypt) running at once per process; more wait briefly or get 429. */
  loginHashConcurrency: number;
  /** Login attempts per minute per client address, refused in memory before any database work. */
  loginAttemptsPerMinute: number;
  cookieSecure: boolean;
  telegram: { token: string; apiRoot: string; webhook?: { url: string; secret: string } } | undefined;
  attachments: { dir: string; maxBytes: number };
  whatsappCloud: WhatsAppCloudConfig | undefined;
  whatsappWeb: WhatsAppWebConfig | undefined;
  x: XAdapterConfig | undefined;
  outbox: {
    cron: string;
    batchSize: number;
    maxAttempts: number;
    leaseSeconds: number;
    /** Sending pace per channel (per process), from the platforms' documented limits. */
    rates: Record<string, ChannelRate>;
  };
  /** Processing attempts of an inbound message before it is 'dead' (kept for an admin to retry). */
  inboundMaxAttempts: number;
  /** Requests per minute per client address on the public doors (webhooks are not limited). */
  rateLimits: { reportsPerMinute: number; lookupsPerMinute: number; privatePagePerMinute: number };
  /** Which proxies may set X-Forwarded-For (the client address every per-address limit counts). */
  trustProxy: boolean | string;
  /** Open311 GeoReport v2: the api_key a POST must carry; undefined accepts requests without one. */
  open311: { apiKey: string | undefined };
  mergeWindowMinutes: number;
  reopenWindowDays: number;
  /** Rating after resolution: replies within windowDays are read as the rating; lowRating or less flags it. */
  satisfaction: { windowDays: number; lowRating: number };
  /** Outgoing webhooks: attempts before a delivery fails, per-request timeout, private targets allowed. */
  webhooks: { maxAttempts: number; timeoutMs: number; allowPrivateTargets: boolean };
  sla: { verifyWorkingDays: number; followUpDays: number; holidaysFile: string };
  /** Reminders (cron), the daily digest's local hour, the auto-close rule, the chat-link code lifetime. */
  escalation: {
    cron: string;
    digestHour: number;
    autoClose: { afterWorkingDays: number; warnWorkingDays: number };
    linkCodeTtlMinutes: number;
  };
  classifier: { threshold: number; modelDir: string };
  logLevel: string;
}

/** TRUST_PROXY as Fastify takes it: a boolean, or a comma-separated list of addresses/subnets ("loopback"). */
function parseTrustProxy(v: string): boolean | string {
  return v === 'true' || v === 'false' ? v === 'true' : v;
}

/** Thrown when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {}

type Env = z.infer<typeof schema>;

function invalid(lines: string): ConfigError {
  return new ConfigError(`Invalid configuration:\n${lines}`);
}

function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw invalid(lines.join('\n'));
  }
  return parsed.data;
}

function parseAdmin(e: Env): Config['admin'] {
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw invalid('  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (e.ADMIN_PASSWORD !== undefined && e.ADMIN_PASSWORD.length < 8) {
    throw invalid('  ADMIN_PASSWORD: must be at least 8 characters');
  }
  return e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined;
}

function parseTelegram(e: Env): Config['telegram'] {
  if (e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_MODE === 'webhook' && (!e.PUBLIC_BASE_URL || !e.TELEGRAM_WEBHOOK_SECRET)) {
    throw invalid('  TELEGRAM_MODE=webhook needs PUBLIC_BASE_URL (https) and TELEGRAM_WEBHOOK_SECRET');
  }
  if (!e.TELEGRAM_BOT_TOKEN) return undefined;
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    webhook:
      e.TELEGRAM_MODE === 'webhook' && e.PUBLIC_BASE_URL && e.TELEGRAM_WEBHOOK_SECRET
        ? { url: `${e.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/telegram`, secret: e.TELEGRAM_WEBHOOK_SECRET }
        : undefined,
  };
}

function parseWhatsAppCloud(e: Env): Config['whatsappCloud'] {
  const cloudSecrets = {
    WHATSAPP_PHONE_NUMBER_ID: e.WHATSAPP_PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: e.WHATSAPP_ACCESS_TOKEN,
    WHATSAPP_APP_SECRET: e.WHATSAPP_APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: e.WHATSAPP_VERIFY_TOKEN,
  };
  const missingCloud = Object.entries(cloudSecrets).filter(([, v]) => !v);
  if (e.WHATSAPP_MODE === 'cloud' && missingCloud.length > 0) {
    throw invalid(missingCloud.map(([k]) => `  ${k}: required when WHATSAPP_MODE=cloud`).join('\n'));
  }
  if (e.WHATSAPP_MODE !== 'cloud') return undefined;
  return {
    graphBaseUrl: e.WHATSAPP_GRAPH_BASE_URL,
    apiVersion: e.WHATSAPP_GRAPH_API_VERSION,
    phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID ?? '',
    accessToken: e.WHATSAPP_ACCESS_TOKEN ?? '',
    appSecret: e.WHATSAPP_APP_SECRET ?? '',
    verifyToken: e.WHATSAPP_VERIFY_TOKEN ?? '',
    templateName: e.WHATSAPP_TEMPLATE_NAME,
    templateLanguage: e.WHATSAPP_TEMPLATE_LANGUAGE,
  };
}

function parseWhatsAppWeb(e: Env): Config['whatsappWeb'] {
  if (e.WHATSAPP_MODE !== 'web') return undefined;
  return {
    sessionDir: e.WHATSAPP_WEB_SESSION_DIR ?? `${e.DATA_DIR}/wwebjs`,
    clientId: e.WHATSAPP_WEB_CLIENT_ID,
    chromiumPath: e.WHATSAPP_WEB_CHROMIUM_PATH,
    headless: e.WHATSAPP_WEB_HEADLESS,
    minSendIntervalMs: e.WHATSAPP_WEB_MIN_SEND_INTERVAL_MS,
  };
}

function parseX(e: Env): Config['x'] {
  const xCredentials = [e.X_CLIENT_ID, e.X_CLIENT_SECRET, e.X_ACCESS_TOKEN, e.X_REFRESH_TOKEN];
  if (xCredentials.some(Boolean) && !xCredentials.every(Boolean)) {
    throw invalid('  X_CLIENT_ID, X_CLIENT_SECRET, X_ACCESS_TOKEN and X_REFRESH_TOKEN must be set together');
  }
  if (!(e.X_CLIENT_ID && e.X_CLIENT_SECRET && e.X_ACCESS_TOKEN && e.X_REFRESH_TOKEN)) return undefined;
  return {
    clientId: e.X_CLIENT_ID,
    clientSecret: e.X_CLIENT_SECRET,
    accessToken: e.X_ACCESS_TOKEN,
    refreshToken: e.X_REFRESH_TOKEN,
    apiBaseUrl: e.X_API_BASE_URL,
    pollIntervalMs: e.X_POLL_INTERVAL_SECONDS * 1000,
    pollDms: e.X_POLL_DMS,
    initialLookbackMs: e.X_INITIAL_LOOKBACK_HOURS * 3_600_000,
  };
}

function parseDatabaseUrl(e: Env): string {
  const databaseUrl = e.DATABASE_URL ?? `file:${e.DATA_DIR}/kanal-aduan.db`;
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw invalid('  DATABASE_URL: must start with file: or postgresql://');
  }
  return databaseUrl;
}

function parseOutbox(e: Env): Config['outbox'] {
  return {
    cron: e.OUTBOX_CRON,
    batchSize: e.OUTBOX_BATCH_SIZE,
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    leaseSeconds: e.OUTBOX_LEASE_SECONDS,
    rates: {
      ...DEFAULT_CHANNEL_RATES,
      telegram: {
        ...(DEFAULT_CHANNEL_RATES.telegram as ChannelRate),
        perSecond: e.TELEGRAM_SEND_PER_SECOND,
        perRecipientPerSecond: e.TELEGRAM_SEND_PER_CHAT_PER_SECOND,
      },
      whatsapp: {
        ...(DEFAULT_CHANNEL_RATES.whatsapp as ChannelRate),
        perSecond: e.WHATSAPP_SEND_PER_SECOND,
      },
    },
  };
}

/** The settings without cross-variable rules: each is the parsed variable, renamed and grouped. */
function parseWorkflow(e: Env) {
  return {
    inboundMaxAttempts: e.INBOUND_MAX_ATTEMPTS,
    rateLimits: {
      reportsPerMinute: e.RATE_LIMIT_REPORTS_PER_MINUTE,
      lookupsPerMinute: e.RATE_LIMIT_LOOKUPS_PER_MINUTE,
      privatePagePerMinute: e.RATE_LIMIT_PRIVATE_PAGE_PER_MINUTE,
    },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    open311: { apiKey: e.OPEN311_API_KEY },
    mergeWindowMinutes: e.COMPLAINT_MERGE_WINDOW_MINUTES,
    reopenWindowDays: e.REOPEN_WINDOW_DAYS,
    satisfaction: { windowDays: e.SATISFACTION_WINDOW_DAYS, lowRating: e.SATISFACTION_LOW_RATING },
    webhooks: {
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    },
    sla: {
      verifyWorkingDays: e.SLA_VERIFY_WORKING_DAYS,
      followUpDays: e.SLA_FOLLOW_UP_DAYS,
      holidaysFile: e.HOLIDAYS_FILE,
    },
    escalation: {
      cron: e.ESCALATION_CRON,
      digestHour: e.DIGEST_HOUR,
      autoClose: { afterWorkingDays: e.AUTO_CLOSE_WORKING_DAYS, warnWorkingDays: e.AUTO_CLOSE_WARNING_WORKING_DAYS },
      linkCodeTtlMinutes: e.LINK_CODE_TTL_MINUTES,
    },
    classifier: { threshold: e.CLASSIFIER_REVIEW_THRESHOLD, modelDir: e.MODEL_DIR },
    logLevel: e.LOG_LEVEL,
  };
}

/** Parses an environment (process.env by default) once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(env);
  // The cross-variable rules run in this order, so the first broken one is the one reported.
  const admin = parseAdmin(e);
  const telegram = parseTelegram(e);
  const whatsappCloud = parseWhatsAppCloud(e);
  const x = parseX(e);
  const databaseUrl = parseDatabaseUrl(e);
  return {
    port: e.PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    host: e.HOST,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    databaseUrl,
    dataDir: e.DATA_DIR,
    cityCode: e.CITY_CODE,
    cityName: e.CITY_NAME,
    timezone: e.TIMEZONE,
    admin,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    loginHashConcurrency: e.LOGIN_HASH_CONCURRENCY,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    cookieSecure: e.COOKIE_SECURE,
    telegram,
    attachments: { dir: `${e.DATA_DIR}/attachments`, maxBytes: e.ATTACHMENT_MAX_BYTES },
    whatsappCloud,
    whatsappWeb: parseWhatsAppWeb(e),
    x,
    outbox: parseOutbox(e),
    ...parseWorkflow(e),
  };
}
