// Issue #8: "bad bytes lose complaints on PostgreSQL". A NUL, a lone surrogate, or a 20,000-character text
// whose 10,000-character cut lands inside an emoji is stored (cleaned) with no 500, on both databases, and the
// raw payload still holds the original exactly.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { UNSTORABLE } from '../property/hostile-input.js';
import { PROVIDERS, postgresAvailable, type TestDatabase } from '../support/databases.js';
import { shutDown } from '../support/teardown.js';
import { startRuntimeOnFreshDatabase } from '../support/web-form.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe.each(providers)('bad bytes at the door on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;

  beforeAll(async () => {
    ({ database, rt } = await startRuntimeOnFreshDatabase(provider));
  });
  afterAll(() => shutDown(rt, database));

  /** Posts raw JSON text (JSON.stringify would escape a lone surrogate the same way a client does). */
  async function post(text: string, name?: string) {
    const submissionId = randomBytes(16).toString('base64url');
    const r = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId, text, name, contact: `08123\u0000456789` }),
    });
    const body = (await r.json()) as { trackingId: string | null };
    const message = await rt.ctx.db.message.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'web', externalId: submissionId } },
    });
    return { status: r.status, body, message };
  }

  const cases: [string, string, string | undefined][] = [
    ['a NUL character', 'Jalan rusak\u0000 parah di depan SDN 2 Ciwaduk, mohon diperbaiki.', 'Bu\u0000di'],
    ['a lone surrogate', 'Lampu jalan mati \uD83D di Jalan Sunan Gunung Jati sudah seminggu.', 'Siti \uDE00'],
    ['an emoji cut at 10,000', `${'Sampah menumpuk. '.repeat(588)}${'a'.repeat(3)}😀${'b'.repeat(9_999)}`, undefined],
  ];

  for (const [label, text, name] of cases) {
    it(`stores a complaint with ${label}, no 500, and keeps the raw text exactly`, async () => {
      const res = await post(text, name);
      expect(res.status).toBe(201);
      expect(res.body.trackingId).toMatch(/^CLG-/);
      const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({
        where: { trackingId: res.body.trackingId ?? '' },
        include: { reporter: true },
      });
      expect(complaint.text).not.toMatch(LONE);
      expect(complaint.text).not.toContain('\u0000');
      expect(complaint.text.length).toBeLessThanOrEqual(10_000);
      expect(complaint.reporter.contact).toBe('08123456789');
      expect(complaint.reporter.displayName ?? '').not.toMatch(UNSTORABLE);
      expect(res.message.state).toBe('processed');
      expect((JSON.parse(res.message.payload) as { raw: { text: string } }).raw.text).toBe(text);
    });
  }

  it('stores a complaint whose body has invalid UTF-8, with replacement characters', async () => {
    const submissionId = randomBytes(16).toString('base64url');
    const body = Buffer.concat([
      Buffer.from(`{"submissionId":"${submissionId}","text":"Jalan rusak `),
      Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from(' di depan Pasar Blok F Cilegon."}'),
    ]);
    const r = await fetch(`${rt.url}/lapor`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(r.status).toBe(201);
    const { trackingId } = (await r.json()) as { trackingId: string };
    const complaint = await rt.ctx.db.complaint.findUniqueOrThrow({ where: { trackingId } });
    expect(complaint.text).toMatch(/^Jalan rusak \uFFFD+\( ?\uFFFD* di depan Pasar Blok F Cilegon\.$/);
    expect(complaint.text).not.toMatch(UNSTORABLE);
  });

  it('shows the cleaned complaint on the private page', async () => {
    const r = await fetch(`${rt.url}/lapor`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `submissionId=${randomBytes(16).toString('base64url')}&text=Got%20mampet%00%20di%20RT%2003%20RW%2005%20Kelurahan%20Ramanuju`,
    });
    expect(r.status).toBe(303);
    const page = await fetch(`${rt.url}${r.headers.get('location')}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Got mampet di RT 03 RW 05 Kelurahan Ramanuju');
  });
});
