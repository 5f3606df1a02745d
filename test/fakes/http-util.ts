/**
 * Small helpers shared by the fake platform servers in this folder: body parsing, JSON replies,
 * ephemeral-port listening, clean shutdown, and "wait until the fake has seen X" promises.
 * Only node:http and Node 20 globals (Response/FormData) are used, no third-party server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A parsed request body: JSON object, form fields, or multipart fields (files become UploadedFile). */
export type Fields = Record<string, unknown>;

/** What a multipart file part is recorded as (the bytes themselves are not kept). */
export interface UploadedFile {
  filename: string;
  size: number;
  type: string;
}

/** Reads the whole request body into one Buffer. */
export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Narrows an unknown value to a plain object. */
export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses JSON, x-www-form-urlencoded and multipart/form-data bodies (leniently: an unknown or missing
 * content type is tried as JSON, then as a form). Multipart parsing uses the Fetch API's FormData parser.
 */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<Fields> {
  if (raw.length === 0) return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
    const fields: Fields = {};
    for (const [key, value] of form.entries()) {
      fields[key] = typeof value === 'string' ? value : { filename: value.name, size: value.size, type: value.type };
    }
    return fields;
  }
  const text = raw.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return isFields(parsed) ? parsed : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

/** The value if it is a string. */
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The value as a number if it is one or is a non-empty numeric-looking string. */
export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : undefined;

/**
 * Form and multipart values arrive as strings; decode numbers, booleans and JSON objects/arrays the way the
 * Bot API does, except for the keys in `textKeys` (free text such as "text" must stay a string even if "123").
 */
export function decodeFormStrings(fields: Fields, textKeys: ReadonlySet<string>): Fields {
  const looksEncoded = /^(-?\d+(\.\d+)?|[[{].*|true|false)$/s;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value;
    if (typeof value !== 'string' || textKeys.has(key) || !looksEncoded.test(value)) continue;
    try {
      out[key] = JSON.parse(value);
    } catch {
      // not JSON after all: keep the string
    }
  }
  return out;
}

/** Returns a copy of obj without the keys whose value is undefined (keeps recorded calls tidy). */
export function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined)) as T;
}

/** Sends a JSON response with the given status and extra headers. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Starts the server on an ephemeral port on 127.0.0.1 and returns its origin, e.g. "http://127.0.0.1:53211". */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Stops accepting connections and drops open (keep-alive or held) ones so the test process can exit. */
export async function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** Reads a request's body and parses it by its content type (see parseBody). */
export async function requestBody(req: http.IncomingMessage): Promise<Fields> {
  return parseBody(req.headers['content-type'], await readBody(req));
}

/**
 * Serves `handle` on an ephemeral 127.0.0.1 port, a thrown error answered as a 500 (safeHandler); returns its
 * origin and the function that shuts it down (closeServer).
 */
export async function serve(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(safeHandler(handle));
  return { url: await listen(server), close: () => closeServer(server) };
}

/** Wraps a request handler so a thrown error becomes a 500 instead of an unhandled rejection. */
export function safeHandler(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): http.RequestListener {
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  };
}

/** Per-key scripted failures: add(key, fault, times) queues, take(key) pops the next one (or undefined). */
export class FaultQueue<F> {
  private readonly pending = new Map<string, { fault: F; times: number }[]>();

  add(key: string, fault: F, times = 1): void {
    this.pending.set(key, [...(this.pending.get(key) ?? []), { fault, times }]);
  }

  /** Drops every queued failure of `key` (the platform "recovers"). */
  clear(key: string): void {
    this.pending.delete(key);
  }

  take(key: string): F | undefined {
    const list = this.pending.get(key);
    const head = list?.[0];
    if (!list || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) list.shift();
    return head.fault;
  }
}

/** A tiny change signal: fakes call notify() whenever their recorded state changes. */
export class Notifier {
  private readonly listeners = new Set<() => void>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** waitUntil() on this notifier's changes. */
  until<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return waitUntil(this, probe, timeoutMs, describe);
  }
}

/**
 * Long-poll hold: resolves after ms, on the next notify(), or when the response closes (client aborted or the
 * server is shutting down), whichever comes first.
 */
export function hold(notifier: Notifier, ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    const unsubscribe = notifier.subscribe(done);
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      unsubscribe();
      res.off('close', done);
      resolve();
    }
  });
}

/**
 * Resolves with the first non-undefined value of probe(), re-checked on every notify(); rejects after
 * timeoutMs with describe()'s text so a failing test shows what the fake actually saw.
 */
export function waitUntil<T>(
  notifier: Notifier,
  probe: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = probe();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms. ${describe()}`));
    }, timeoutMs);
    const unsubscribe = notifier.subscribe(() => {
      const value = probe();
      if (value === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}
