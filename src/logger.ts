// A minimal structured logger (JSON lines on stderr), so stdout stays free for CLI output.

/** Logging interface used across the app; compatible with pino's (obj, msg) call shape. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A logger writing JSON lines to stderr at or above `level`. */
export function createLogger(level: string, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const log = (lvl: (typeof LEVELS)[number]) => (obj: object, msg?: string) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const extra = obj instanceof Error ? { err: obj.message, stack: obj.stack } : normalise(obj);
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...extra })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function normalise(obj: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
  return out;
}
