// Starts the real product (HTTP, intake, outbox, channels) against a real database for end-to-end tests.
import path from 'node:path';
import { DEFAULT_REVIEW_THRESHOLD, loadClassifier } from '../../src/classifier/index.js';
import type { Classifier } from '../../src/classifier/types.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { type Runtime, type RuntimeDeps, startRuntime } from '../../src/runtime.js';

export const MODEL_DIR = path.resolve('data/models');
let classifier: Classifier | null = null;

/** The committed classifier model, loaded once per test file. */
export function realClassifier(): Classifier {
  classifier ??= loadClassifier({ dir: MODEL_DIR, threshold: DEFAULT_REVIEW_THRESHOLD });
  return classifier;
}

export const ADMIN = { email: 'admin@cilegon.go.id', password: 'rahasia-sekali-123' };

/** Starts a runtime on port 0 with the given env overrides; jobs off so tests drive the outbox. */
export async function startTestRuntime(env: Record<string, string>, deps: Partial<RuntimeDeps> = {}): Promise<Runtime> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Every test client is 127.0.0.1: the public doors' limits are tested on their own, not hit by accident.
    RATE_LIMIT_REPORTS_PER_MINUTE: '10000',
    RATE_LIMIT_LOOKUPS_PER_MINUTE: '10000',
    RATE_LIMIT_PRIVATE_PAGE_PER_MINUTE: '10000',
    // A conversation test sends a chat several replies within a second; per-chat pacing has its own tests
    // (test/integration/outbox-pacing.test.ts) and would only make these wait.
    TELEGRAM_SEND_PER_CHAT_PER_SECOND: '0',
    LOGIN_ATTEMPTS_PER_MINUTE: '10000',
    ...env,
  });
  return startRuntime(config, {
    classifier: realClassifier(),
    logger: createLogger(config.logLevel),
    jobs: false,
    ...deps,
  });
}

/** Logs in through the admin API and returns a fetch wrapper carrying the session cookie. */
export async function adminClient(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return cookieClient(baseUrl, cookie);
}

/** A JSON fetch wrapper carrying a session cookie got elsewhere (e.g. an officer's, from sessionCookie). */
export function cookieClient(baseUrl: string, cookie: string) {
  return async (method: string, url: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** Polls `fn` until it returns a truthy value or the timeout passes. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Logs in through the real route (fastify inject); returns the session cookie, or '' when refused. */
export async function sessionCookie(
  http: Runtime['http'],
  creds: { email: string; password: string },
): Promise<string> {
  const res = await http.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
  return (res.headers['set-cookie']?.toString() ?? '').split(';')[0] ?? '';
}
