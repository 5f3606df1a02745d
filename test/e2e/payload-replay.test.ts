// Replays the payload corpus (adapters/<channel>/fixtures/corpus/*.json, written from each platform's published
// documentation) through the real HTTP webhook routes of the running product, on SQLite and PostgreSQL, with
// replies sent through the real SDK clients to the local fakes. Per payload: the HTTP answer, what was stored
// (and what was kept raw as malformed), whether a complaint was opened, and whether anything was sent.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import type { Runtime } from '../../src/runtime.js';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api.js';
import type { FakeWhatsAppCloud } from '../fakes/whatsapp-cloud.js';
import { freshDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import type { ReplayExpectation } from '../support/payload-corpus.js';
import { shutDown } from '../support/teardown.js';
import { telegramWebhookEnv } from '../support/telegram-runtime.js';
import { startWhatsAppCloudRuntime } from '../support/whatsapp-cloud-adapter.js';

/** Over the real webhook routes the HTTP answer, raw-kept malformed payloads and blocked identities count too. */
interface Expect extends ReplayExpectation {
  status: number;
  malformed: number;
  unreachable?: string;
}
interface Corpus {
  platform: string;
  cases: { name: string; source: string; steps: { payload: unknown; expect: Expect }[] }[];
}
const load = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Corpus;
const whatsapp = load('../../adapters/whatsapp-cloud/fixtures/corpus/webhooks.json');
const telegram = load('../../adapters/telegram/fixtures/corpus/updates.json');
const SECRET = 'replay_secret_token_123';
const secrets = { appSecret: 'replay-app-secret', accessToken: 'replay-access-token' };

describe.each(PROVIDERS)('payload corpus replay on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let wa: FakeWhatsAppCloud;
  let tg: FakeTelegram;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    tg = await startFakeTelegram();
    const env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.url, ...telegramWebhookEnv(SECRET) };
    ({ fake: wa, rt } = await startWhatsAppCloudRuntime(database, secrets, 'replay-verify', { env }));
  });
  afterAll(() => shutDown(rt, wa, tg, database));

  const counts = async (channel: string) => ({
    stored: await rt.ctx.db.message.count({ where: { channel, direction: 'inbound', kind: { not: 'malformed' } } }),
    malformed: await rt.ctx.db.message.count({ where: { channel, kind: 'malformed' } }),
    complaints: await rt.ctx.db.complaint.count(),
  });

  async function replay(channel: 'whatsapp' | 'telegram', payload: unknown, expected: Expect) {
    const before = await counts(channel);
    const sentBefore = channel === 'whatsapp' ? wa.sent.length : tg.sent.length;
    const res =
      channel === 'whatsapp'
        ? await (() => {
            const { rawBody, headers } = wa.signedWebhook(payload as never);
            return fetch(`${rt.url}/webhooks/whatsapp`, { method: 'POST', headers, body: rawBody });
          })()
        : await fetch(`${rt.url}/webhooks/telegram`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: JSON.stringify(payload),
          });
    expect(res.status).toBe(expected.status);
    await rt.intake.settle();
    await rt.worker.drain();
    const after = await counts(channel);
    expect(after.stored - before.stored).toBe(expected.stored);
    expect(after.malformed - before.malformed).toBe(expected.malformed);
    expect(after.complaints > before.complaints).toBe(expected.complaint);
    const sent = channel === 'whatsapp' ? wa.sent.slice(sentBefore) : tg.sent.slice(sentBefore);
    expect(sent.length > 0).toBe(expected.reply);
    const texts = sent.map((m) => {
      const text: unknown = m.text;
      return typeof text === 'string' ? text : ((text as { body?: string } | undefined)?.body ?? '');
    });
    if (expected.noTrackingId) expect(texts.filter((t) => findTrackingId(t) !== null)).toEqual([]);
    if (expected.replyTo) {
      const to = sent.map((m) => ('to' in m ? m.to : String((m as { chat_id: unknown }).chat_id)));
      expect(to).toContain(expected.replyTo);
    }
    if (expected.disposition) {
      const last = await rt.ctx.db.message.findFirst({
        where: { channel, direction: 'inbound', kind: { not: 'malformed' } },
        orderBy: [{ processedAt: 'desc' }],
      });
      expect(last?.disposition).toBe(expected.disposition);
    }
    if (expected.complaintTextIncludes) {
      const latest = await rt.ctx.db.complaint.findFirstOrThrow({ orderBy: { lastMessageAt: 'desc' } });
      expect(latest.text).toContain(expected.complaintTextIncludes);
    }
    if (expected.unreachable) {
      const identity = await rt.ctx.db.channelIdentity.findFirstOrThrow({
        where: { channel, externalId: expected.unreachable },
      });
      expect(identity.unreachableAt).not.toBeNull();
    }
  }

  for (const [channel, corpus] of [
    ['whatsapp', whatsapp],
    ['telegram', telegram],
  ] as const) {
    for (const c of corpus.cases) {
      it(`${corpus.platform}: ${c.name}`, async () => {
        for (const step of c.steps) await replay(channel, step.payload, step.expect);
      });
    }
  }
});
