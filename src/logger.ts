// One logger everywhere: pino, JSON lines on stderr (stdout stays free for CLI output), with tokens and
// personal data redacted before a line is written. Fastify's request log uses the same instance.
import { type DestinationStream, type Logger as PinoLogger, pino, stdSerializers } from 'pino';

/** Logging interface used across the app (pino's (obj, msg) call shape); tests may hand in their own. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The pino instance `createLogger` returns; Fastify needs this full type for its request log. */
export type AppLogger = PinoLogger;

const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log line: credentials, and what a reporter wrote or who they are
 * (message text, phone numbers, typed contact details, platform addresses that are phone numbers).
 */
const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'appSecret',
  'verifyToken',
  'phone',
  'text',
  'body',
  'contact',
  'address',
  'to',
];

/** pino redaction paths: the keys above at the top level and one or two levels down. */
const REDACT_PATHS = SENSITIVE_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? key : `.${key}`;
  return [key, `*${dot}`, `*.*${dot}`];
}).concat(['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]']);

/** Indonesian mobile numbers (08…, 628…, +628…), the form a phone takes in a URL, an error or a wid. */
const PHONE = /(?<![\d])(?:\+?62|0)8\d{7,12}(?![\d])/g;

/** Query parameters whose values are secrets or personal data (webhook verify tokens, searches). */
const SENSITIVE_QUERY = /token|secret|key|signature|password|code|challenge|^q$|search|phone|contact|text/i;

/** Removes secrets and phone numbers from a request URL before it is logged. */
export function redactUrl(url: string): string {
  const [rawPath = '', query] = splitOnce(url, '?');
  const path = rawPath
    // The reporter's private link is the secret that opens their complaint.
    .replace(/^\/laporan\/[^/]+/, `/laporan/${REDACTED}`)
    // Anything after the channel of a webhook path is a path secret (e.g. /webhooks/telegram/<secret>).
    .replace(/^(\/webhooks\/[^/]+)\/.+$/, `$1/${REDACTED}`);
  const params = query === undefined ? '' : `?${redactQuery(query)}`;
  return `${path}${params}`.replace(PHONE, REDACTED);
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const [key = '', value] = splitOnce(pair, '=');
      return value !== undefined && SENSITIVE_QUERY.test(decodeSafe(key)) ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a request log line says about a request: never its headers, body or cookies. */
interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** An error as pino shows it (type, message, stack, cause), with phone numbers in its text masked. */
const serializeError = (e: unknown) => (e instanceof Error ? scrub({ ...stdSerializers.err(e) }, 0) : e);

const serializers = {
  err: serializeError,
  error: serializeError,
  req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url ?? ''), remoteAddress: req.ip }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

/** Masks phone numbers in string values (error messages, reasons) that no key-based rule can know about. */
function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replace(PHONE, REDACTED);
  if (depth > 3 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/** A pino logger writing JSON lines to stderr (or `destination`) at or above `level`. */
export function createLogger(level: string, destination?: DestinationStream): AppLogger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => scrub(obj, 0) as Record<string, unknown>,
      },
      serializers,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // The message itself may quote a number too (an alert naming the logged-out account).
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? a.replace(PHONE, REDACTED) : a)) as typeof args);
        },
      },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
