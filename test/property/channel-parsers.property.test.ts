// Property-based tests (fast-check) of every channel parser: hostile strings in every field a platform lets
// a person fill (every Unicode plane, NUL, RTL marks, lone surrogates), random bytes and random JSON where the
// parser reads raw bodies. A parser never throws, and what it returns is stored on both databases and reads
// back (no lost message, no row that fails to read).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTelegramUpdate } from '../../adapters/telegram/parse.js';
import { parseWebFollowUp, parseWebSubmission } from '../../adapters/web/parse.js';
import { decodeWebhook } from '../../adapters/whatsapp-cloud/parse.js';
import { parseWaMessage } from '../../adapters/whatsapp-web/parse.js';
import { parseDmEvent, parseMention } from '../../adapters/x/parse.js';
import { storeInbound } from '../../src/app/inbound-store.js';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { createTestContext, type TestContext } from '../support/app-context.js';
import { PROVIDERS, postgresAvailable } from '../support/databases.js';
import { formKey, hostileJson, hostileString, randomBytes, UNSTORABLE } from './hostile-input.js';

const providers = (await postgresAvailable()) ? PROVIDERS : (['sqlite'] as const);
const RUNS = 60;
let seq = 0;
const nextId = () => ++seq;

/** What each parser is fed: (hostile text, hostile name) -> the parser's messages. */
const PARSERS: Record<string, (text: string, name: string) => (IncomingMessage | null)[]> = {
  telegram: (text, name) => {
    const id = nextId();
    const update = {
      update_id: id,
      message: {
        message_id: id,
        date: 1_764_300_000,
        chat: { id: 4242, type: 'private', first_name: name },
        from: { id: 4242, is_bot: false, first_name: name, username: name },
        text,
      },
    };
    return [parseTelegramUpdate(update as Parameters<typeof parseTelegramUpdate>[0])];
  },
  'whatsapp-web': (text, name) => {
    const id = `false_6281234567890@c.us_${nextId()}`;
    const msg = {
      id: { _serialized: id, fromMe: false, remote: '6281234567890@c.us' },
      from: '6281234567890@c.us',
      fromMe: false,
      body: text,
      type: 'chat',
      timestamp: 1_764_300_000,
      hasMedia: false,
      hasQuotedMsg: false,
      _data: { notifyName: name },
    };
    return [parseWaMessage(msg as Parameters<typeof parseWaMessage>[0])];
  },
  'whatsapp-cloud': (text, name) => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '62254000', phone_number_id: '1234567890' },
                contacts: [{ profile: { name }, wa_id: '6281234567890' }],
                messages: [
                  {
                    from: '6281234567890',
                    id: `wamid.${nextId()}`,
                    timestamp: '1764300000',
                    type: 'text',
                    text: { body: text },
                  },
                ],
              },
            },
          ],
        },
      ],
    };
    const decoded = decodeWebhook(Buffer.from(JSON.stringify(body)));
    return decoded.ok ? decoded.values.flatMap((v) => v.messages) : [];
  },
  'x-mention': (text, name) => {
    const id = String(1_800_000_000_000_000_000n + BigInt(nextId()));
    const tweet = { id, text: `@kotacilegon ${text}`, author_id: '777', edit_history_tweet_ids: [id] };
    const includes = { users: [{ id: '777', name, username: 'warga' }] };
    return [parseMention(tweet as Parameters<typeof parseMention>[0], includes, '1')];
  },
  'x-dm': (text, name) => {
    const event = {
      id: String(nextId()),
      event_type: 'MessageCreate',
      text,
      sender_id: '777',
      dm_conversation_id: '1-777',
      created_at: '2026-11-28T03:00:00.000Z',
    };
    const includes = { users: [{ id: '777', name, username: 'warga' }] };
    return [parseDmEvent(event as Parameters<typeof parseDmEvent>[0], includes, '1')];
  },
  web: (text, name) => {
    const submissionId = `${Buffer.from(String(nextId())).toString('base64url')}AbCdEfGhIjKlMnOpQrStUv`;
    const key = `key-${nextId()}`;
    return [
      parseWebSubmission({ submissionId, text, name, contact: name, privacy: 'named' }, new Date(), key),
      parseWebFollowUp({ actionId: submissionId, action: 'add', text }, 'CLG-261128-ABCD', key, [], new Date()),
    ];
  },
};

describe.each(providers)('channel parsers under hostile input on %s', (provider) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(provider);
  });
  afterAll(async () => t?.close());

  for (const [channel, parse] of Object.entries(PARSERS)) {
    it(`${channel}: never throws, and what it returns is stored and reads back`, async () => {
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(hostileString(300), hostileString(40), async (text, name) => {
          const messages = parse(text, name).filter((m): m is IncomingMessage => m !== null);
          for (const m of messages) {
            const { messageId } = await storeInbound(t.ctx.db, m);
            expect(messageId).toBeTruthy();
            stored++;
            const row = await t.ctx.db.message.findUniqueOrThrow({ where: { id: messageId ?? '' } });
            expect(row.text ?? '').not.toMatch(UNSTORABLE);
            const payload = JSON.parse(row.payload) as { normalised: IncomingMessage };
            expect(payload.normalised.sender.displayName ?? '').not.toMatch(UNSTORABLE);
          }
        }),
        { numRuns: RUNS },
      );
      // Hostile text is still a message: a parser that dropped it would lose what a citizen wrote.
      expect(stored).toBeGreaterThanOrEqual(RUNS);
    });
  }

  it('whatsapp-cloud: random bytes and random JSON bodies are refused or split, never thrown', async () => {
    await fc.assert(
      fc.property(
        fc.oneof(
          randomBytes,
          hostileJson.map((j) => Buffer.from(j)),
        ),
        (body) => {
          const decoded = decodeWebhook(body);
          expect(typeof decoded.ok).toBe('boolean');
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('web: a random form key always makes the same identity and a valid message', () => {
    fc.assert(
      fc.property(formKey, hostileString(100), (key, text) => {
        const a = parseWebSubmission({ submissionId: key, text, privacy: 'rahasia' }, new Date(0), 'hash');
        expect(a).toMatchObject({ channel: 'web', externalId: key, replyAddress: 'web:hash', privacy: 'rahasia' });
        expect(a.sender.phone).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});
