// One HTTP POST of a signed webhook body, with the connection-time address guard and a timeout. Never throws:
// the result says what happened, and the worker decides.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './target.js';

export type PostResult =
  | { kind: 'ok'; status: number }
  | { kind: 'http'; status: number; retryAfterMs: number | null }
  | { kind: 'network'; error: string };

/** Retry-After in seconds or as an HTTP date, in milliseconds from now (null when absent or unreadable). */
export function retryAfterMs(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** POSTs the body; a 2xx is success, anything else is reported with its status or the network error. */
export function postWebhook(o: PostOptions): Promise<PostResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(o.url);
    } catch {
      return resolve({ kind: 'network', error: 'invalid URL' });
    }
    // Sockets skip the lookup for an IP literal, so a literal is checked here.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!o.allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
      return resolve({ kind: 'network', error: `refused private address ${literal}` });
    }
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...o.headers, 'content-length': Buffer.byteLength(o.body).toString() },
        lookup: guardedLookup(o.allowPrivate) as never,
        timeout: o.timeoutMs,
      },
      (res) => {
        // The answer's body is not needed; read it off so the socket is freed.
        res.resume();
        const status = res.statusCode ?? 0;
        const header = res.headers['retry-after'];
        resolve(
          status >= 200 && status < 300
            ? { kind: 'ok', status }
            : {
                kind: 'http',
                status,
                retryAfterMs: retryAfterMs(Array.isArray(header) ? header[0] : header, Date.now()),
              },
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
    req.on('error', (err) => resolve({ kind: 'network', error: err.message.slice(0, 300) }));
    req.end(o.body);
  });
}
