// Replays the X and WhatsApp Web corpora (adapters/x/fixtures/corpus/timeline.json, adapters/whatsapp-web/
// fixtures/corpus/messages.json, written from each platform's documentation) through the running product on
// SQLite and PostgreSQL: X through the real adapter's polling with twitter-api-v2 against the fake X API,
// WhatsApp Web through the real adapter driving the fake whatsapp-web.js client (message, message_edit,
// message_revoke_everyone). Per payload: what was stored, whether a complaint was opened, whether anything was sent.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import type { WaMessageLike } from '../../adapters/whatsapp-web/types.js';
import { createXAdapter, X_STATE_KEYS } from '../../adapters/x/index.js';
import type { ChannelAdapter } from '../../src/channels/contract.js';
import { findTrackingId } from '../../src/domain/tracking-id.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime } from '../../src/runtime.js';
import { FakeWhatsApp } from '../fakes/whatsapp-web-client.js';
import {
  type FakeX,
  type RawDmEvent,
  type RawIncludes,
  type RawTweet,
  startFakeX,
  X_DEFAULT_ACCESS_TOKEN,
  X_DEFAULT_REFRESH_TOKEN,
} from '../fakes/x-api.js';
import { memoryStateStore } from '../fakes/x-state-store.js';
import { freshDatabase, PROVIDERS, type TestDatabase } from '../support/databases.js';
import type { ReplayExpectation } from '../support/payload-corpus.js';
import { eventually, startTestRuntime } from '../support/runtime.js';

type Expect = ReplayExpectation;
interface XStep {
  kind: 'mention' | 'dm';
  payload: { data: RawTweet & RawDmEvent; includes?: RawIncludes };
  expect: Expect;
}
interface WaStep {
  event: 'message' | 'message_edit' | 'message_revoke_everyone';
  message: WaMessageLike;
  newBody?: string;
  expect: Expect;
}
interface Corpus<S> {
  platform: string;
  cases: { name: string; source: string; steps: S[] }[];
}
const load = <S>(path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Corpus<S>;
const xCorpus = load<XStep>('../../adapters/x/fixtures/corpus/timeline.json');
const waCorpus = load<WaStep>('../../adapters/whatsapp-web/fixtures/corpus/messages.json');
const DMS = 'GET /2/dm_events';
const MENTIONS = 'GET /2/users/:id/mentions';

/** Watches the real sink the runtime hands the WhatsApp Web adapter: how many messages are being stored. */
function watched(adapter: ChannelAdapter) {
  let inflight = 0;
  const wrapped: ChannelAdapter = {
    ...adapter,
    start: (sink) =>
      adapter.start(async (m) => {
        inflight++;
        try {
          await sink(m);
        } finally {
          inflight--;
        }
      }),
  };
  return { adapter: wrapped, idle: () => inflight === 0 };
}

describe.each(PROVIDERS)('X and WhatsApp Web corpus replay on %s', (provider) => {
  let database: TestDatabase;
  let rt: Runtime;
  let x: FakeX;
  const wa = new FakeWhatsApp();
  let waIdle: () => boolean;

  beforeAll(async () => {
    database = await freshDatabase(provider);
    x = await startFakeX({ defaultLimit: 1_000_000 });
    const xAdapter = createXAdapter(
      {
        clientId: 'client-id',
        clientSecret: 'client-secret',
        accessToken: X_DEFAULT_ACCESS_TOKEN,
        refreshToken: X_DEFAULT_REFRESH_TOKEN,
        apiBaseUrl: x.url,
        pollIntervalMs: 20,
      },
      // Cursors start at the oldest id: everything the corpus adds is new to the adapter.
      {
        logger: createLogger('silent'),
        state: memoryStateStore({ [X_STATE_KEYS.mentionsSinceId]: '1', [X_STATE_KEYS.dmsNewestId]: '1' }),
      },
    );
    const web = watched(
      createWhatsAppWebAdapter(
        { sessionDir: 'unused', clientId: 'replay', chromiumPath: '/unused', headless: true, minSendIntervalMs: 0 },
        { logger: createLogger('silent'), createClient: wa.createClient, printQr: () => undefined },
      ),
    );
    waIdle = web.idle;
    rt = await startTestRuntime(
      { DATABASE_URL: database.url, PUBLIC_BASE_URL: 'https://lapor.example.go.id' },
      { adapters: [xAdapter, web.adapter] },
    );
    await eventually(async () => wa.clients.length > 0);
  });
  afterAll(async () => {
    await rt?.stop();
    await x?.close();
    await database?.drop();
  });

  const counts = async (channel: string) => ({
    stored: await rt.ctx.db.message.count({ where: { channel, direction: 'inbound', kind: { not: 'malformed' } } }),
    complaints: await rt.ctx.db.complaint.count(),
  });

  /** Adds the payload to the fake X API and waits until a poll that saw it has been fully handed to intake. */
  async function feedX(step: XStep): Promise<string> {
    const endpoint = step.kind === 'mention' ? MENTIONS : DMS;
    const { data, includes } = step.payload;
    const id = step.kind === 'mention' ? x.addRawTweet(data, includes) : x.addRawDmEvent(data, includes);
    // Polls are sequential: the second request after the add starts only once the first one's items were stored.
    const seen = x.requests.filter((r) => r.endpoint === endpoint).length;
    await x.waitFor(() => x.requests.filter((r) => r.endpoint === endpoint).length >= seen + 2, 10_000);
    return id;
  }

  /** Emits the event on the fake client and waits until the adapter has handed it to intake (or dropped it). */
  async function feedWa(step: WaStep): Promise<void> {
    const message = { ...wa.fromFixture(step.message), timestamp: Math.floor(Date.now() / 1000) };
    if (step.event === 'message') wa.deliver(message);
    else if (step.event === 'message_edit') wa.edit(message, step.newBody ?? '');
    else wa.revoke(message);
    // The adapter calls the sink in a microtask after the event; a macrotask later it is in flight or was dropped.
    await new Promise((r) => setImmediate(r));
    await eventually(async () => waIdle(), 10_000);
  }

  async function check(
    channel: 'x' | 'whatsapp',
    before: { stored: number; complaints: number },
    sent: string[],
    e: Expect,
  ) {
    await rt.intake.settle();
    await rt.worker.drain();
    const after = await counts(channel);
    expect(after.stored - before.stored).toBe(e.stored);
    expect(after.complaints > before.complaints).toBe(e.complaint);
    expect(sent.length > 0).toBe(e.reply);
    if (e.noTrackingId) expect(sent.filter((t) => findTrackingId(t) !== null)).toEqual([]);
    if (e.disposition) {
      const last = await rt.ctx.db.message.findFirst({
        where: { channel, direction: 'inbound' },
        orderBy: [{ processedAt: 'desc' }],
      });
      expect(last?.disposition).toBe(e.disposition);
    }
    if (e.complaintTextIncludes) {
      const latest = await rt.ctx.db.complaint.findFirstOrThrow({ orderBy: { lastMessageAt: 'desc' } });
      expect(latest.text).toContain(e.complaintTextIncludes);
    }
  }

  for (const c of xCorpus.cases) {
    it(`${xCorpus.platform}: ${c.name}`, async () => {
      for (const step of c.steps) {
        const before = await counts('x');
        const [tweets, dms] = [x.tweets.length, x.dms.length];
        const id = await feedX(step);
        await rt.intake.settle();
        await rt.worker.drain();
        const newTweets = x.tweets.slice(tweets);
        const newDms = x.dms.slice(dms);
        await check(
          'x',
          before,
          [...newTweets, ...newDms].map((s) => s.text),
          step.expect,
        );
        if (step.expect.replyTo === 'tweet') expect(newTweets.map((t) => t.in_reply_to_tweet_id)).toContain(id);
        if (step.expect.replyTo?.startsWith('dm:')) {
          expect(newDms.map((d) => `dm:${d.participant_id}`)).toContain(step.expect.replyTo);
        }
        // Chatter is never answered in public: no tweet without a complaint behind it.
        if (!step.expect.complaint) expect(newTweets).toEqual([]);
      }
    });
  }

  for (const c of waCorpus.cases) {
    it(`${waCorpus.platform}: ${c.name}`, async () => {
      for (const step of c.steps) {
        const before = await counts('whatsapp');
        const sentBefore = wa.sent.length;
        await feedWa(step);
        await rt.intake.settle();
        await rt.worker.drain();
        const sent = wa.sent.slice(sentBefore);
        await check(
          'whatsapp',
          before,
          sent.map((s) => s.body),
          step.expect,
        );
        if (step.expect.replyTo) expect(sent.map((s) => s.to)).toContain(step.expect.replyTo);
      }
    });
  }
});
