// Fastify's request log goes through the product's pino logger: JSON lines, and no token, cookie, private
// link or phone number in them (issue #12).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { sqliteDatabase } from '../support/databases.js';
import { startTestRuntime } from '../support/runtime.js';

const SECRETS = {
  webhookPath: 'path-secret-7f3a9c',
  verifyToken: 'verify-token-51be2d',
  bearer: 'bearer-token-0c9e44',
  cookie: 'session-cookie-a81f07',
  privateLink: 'private-link-secret-93d1',
  phone: '081234567890',
  text: 'Jalan berlubang di depan rumah saya di Jombang',
};

describe('request log', () => {
  const lines: string[] = [];
  let rt: Runtime;
  beforeAll(async () => {
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    rt = await startTestRuntime({ DATABASE_URL: sqliteDatabase().url }, { logger });
    const headers = { authorization: `Bearer ${SECRETS.bearer}`, cookie: `ka_session=${SECRETS.cookie}` };
    await fetch(`${rt.url}/webhooks/telegram/${SECRETS.webhookPath}`, { method: 'POST', headers, body: '{}' });
    await fetch(
      `${rt.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${SECRETS.verifyToken}&hub.challenge=1`,
      { headers },
    );
    await fetch(`${rt.url}/laporan/${SECRETS.privateLink}`, { headers });
    await fetch(`${rt.url}/api/complaints?q=${SECRETS.phone}`, { headers });
    await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: randomBytes(16).toString('base64url'),
        text: SECRETS.text,
        contact: SECRETS.phone,
      }),
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('writes every request as JSON lines: incoming and completed, with method, path and status', () => {
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const incoming = entries.filter((e) => e.msg === 'incoming request');
    const completed = entries.filter((e) => e.msg === 'request completed');
    expect(incoming.length).toBeGreaterThanOrEqual(5);
    expect(completed.length).toBeGreaterThanOrEqual(5);
    expect(incoming.map((e) => (e.req as { url: string }).url)).toContain('/webhooks/telegram/[redacted]');
    expect(incoming.map((e) => (e.req as { url: string }).url)).toContain('/laporan/[redacted]');
    expect(completed.every((e) => typeof (e.res as { statusCode: number }).statusCode === 'number')).toBe(true);
    expect(entries.every((e) => typeof e.time === 'string' && typeof e.level === 'string')).toBe(true);
  });

  it('never contains a token, a cookie, a private link, a phone number or what the reporter wrote', () => {
    const all = lines.join('');
    for (const [what, secret] of Object.entries(SECRETS)) expect(all, what).not.toContain(secret);
    expect(all).not.toMatch(/bearer|ka_session/i);
  });
});
