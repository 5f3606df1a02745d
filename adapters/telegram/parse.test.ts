// The Telegram parser on the payload corpus (fixtures/corpus/updates.json, written from the Bot API reference):
// each kind of update becomes the right IncomingMessage, or nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTelegramUpdate, unreadableUpdate } from './parse.js';
import type { Update } from './types.js';

interface Corpus {
  cases: { name: string; steps: { payload: Update }[] }[];
}
const corpus = JSON.parse(readFileSync(new URL('./fixtures/corpus/updates.json', import.meta.url), 'utf8')) as Corpus;
const BOT = { id: 7000000001, username: 'kanal_aduan_test_bot' };

/** The payload of step `step` of the corpus case whose name starts with `name`. */
function payload(name: string, step = 0): Update {
  const found = corpus.cases.find((c) => c.name.startsWith(name))?.steps[step]?.payload;
  if (!found) throw new Error(`no corpus case "${name}" step ${step}`);
  return found;
}
const parse = (name: string, step = 0) => parseTelegramUpdate(payload(name, step), BOT);

describe('parseTelegramUpdate on the corpus', () => {
  it('private text: a text message from the person, answered in their chat, deduped by update_id', () => {
    const m = parse('private text complaint');
    expect(m).toMatchObject({ channel: 'telegram', kind: 'text', attachments: [] });
    expect(m?.conversation).toBeUndefined();
    expect(m?.externalId).toBe(String(payload('private text complaint').update_id));
    expect(m?.replyAddress).toBe(`telegram:${m?.sender.externalId}`);
    expect(m?.text.length).toBeGreaterThan(10);
  });

  it('photo album: each photo keeps its largest size; the caption is on the first only', () => {
    const first = parse('photo album');
    const second = parse('photo album', 1);
    expect(first).toMatchObject({ kind: 'photo', attachments: [{ kind: 'photo', platformFileId: 'AgADA1l' }] });
    expect(first?.text).toContain('Trotoar');
    expect(second).toMatchObject({ kind: 'photo', text: '', attachments: [{ platformFileId: 'AgADA2l' }] });
    expect(second?.sender.externalId).toBe(first?.sender.externalId);
  });

  it('location: coordinates, no text', () => {
    expect(parse('shared location')).toMatchObject({
      kind: 'location',
      text: '',
      location: { latitude: -6.0174, longitude: 106.0502 },
    });
  });

  it("contact: the sender's own card gives their phone", () => {
    const m = parse("the sender's own contact");
    expect(m).toMatchObject({ kind: 'contact', sender: { externalId: '123', phone: '+6281234500123' } });
  });

  it("contact: someone else's card does not", () => {
    const own = payload("the sender's own contact") as unknown as { message: { contact: object } };
    const other = {
      ...own,
      message: { ...own.message, contact: { phone_number: '+628999', first_name: 'X', user_id: 9 } },
    };
    expect(parseTelegramUpdate(other as unknown as Update, BOT)?.sender.phone).toBeUndefined();
  });

  it('edited_message: an edit event pointing at chat:message_id, dated at the edit', () => {
    const original = parse('edited_message updates', 0);
    const edit = parse('edited_message updates', 1);
    expect(edit).toMatchObject({ kind: 'edit', event: { type: 'edit', target: original?.platformMessageId } });
    const raw = payload('edited_message updates', 1) as unknown as { edited_message: { edit_date: number } };
    expect(edit?.receivedAt.getTime()).toBe(raw.edited_message.edit_date * 1000);
  });

  it('group: unaddressed, mention, reply to the bot and command', () => {
    const group = (name: string) => parse(name)?.conversation;
    expect(group('group message not addressed')).toMatchObject({ type: 'group', addressed: false });
    expect(group('group message mentioning the bot')).toEqual({
      type: 'group',
      id: '-1001234567890',
      title: 'Warga Cilegon',
      addressed: true,
    });
    expect(group("group reply to the bot's message")).toMatchObject({ addressed: true });
    expect(group('command addressed to the bot')).toMatchObject({ addressed: true });
    // Without knowing its own name the bot cannot tell a mention from chatter.
    const anonymous = parseTelegramUpdate(payload('group message mentioning the bot'));
    expect(anonymous?.conversation?.addressed).toBe(false);
  });

  it('service messages are system events named after their field', () => {
    const cases = {
      'pinned_message service message': 'pinned_message',
      'group migrates to supergroup': 'migrate_to_chat_id',
      new_chat_members: 'new_chat_members',
      left_chat_member: 'left_chat_member',
      'new_chat_title in a group': 'new_chat_title',
    };
    for (const [name, field] of Object.entries(cases)) {
      expect(parse(name), name).toMatchObject({ kind: 'system', event: { type: 'system', description: field } });
    }
  });

  it('channel_post: a system event in the channel, not a citizen', () => {
    const m = parse('channel_post');
    expect(m).toMatchObject({ kind: 'system', event: { description: 'channel post' } });
    expect(m?.conversation).toMatchObject({ type: 'group', addressed: false });
  });

  it('my_chat_member in a private chat: blocked is unreachable, unblocked reachable; in a group neither', () => {
    expect(parse('my_chat_member: user blocked', 1)?.event).toEqual({
      type: 'system',
      description: 'bot kicked',
      reachable: false,
    });
    expect(parse('my_chat_member: user unblocks')?.event).toEqual({
      type: 'system',
      description: 'bot member',
      reachable: true,
    });
    const added = parse('my_chat_member: bot added to a group');
    expect(added?.event).not.toHaveProperty('reachable');
    expect(added?.conversation?.type).toBe('group');
  });

  it('reaction: the emoji and the message it is on', () => {
    expect(parse('message_reaction')).toMatchObject({ kind: 'reaction', event: { type: 'reaction' } });
  });

  it("sticker is unsupported; a bot's message and an unknown update type are nothing", () => {
    expect(parse('sticker in private')?.kind).toBe('unsupported');
    expect(parse("a bot's message")).toBeNull();
    expect(parse('unknown update type')).toBeNull();
  });

  it('a chat given as an array is refused by the parser and kept raw as unreadable', () => {
    const bad = payload('message with chat given as an array');
    expect(() => parseTelegramUpdate(bad, BOT)).toThrow();
    const kept = unreadableUpdate(bad, 'message without a chat id', new Date(0));
    expect(kept).toMatchObject({ kind: 'system', externalId: String(bad.update_id), raw: bad });
  });
});
