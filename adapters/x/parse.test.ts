import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../src/channels/contract.js';
import { parseDmEvent, parseMention, snowflakeTime, stripLeadingHandles } from './parse.js';
import { fitTweet, tweetWeight } from './tweet-text.js';
import type { TweetV2, XDmEventsPage, XMentionsPage } from './types.js';

const SELF = '1524795305212424192';
const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
const mentions = fixture<XMentionsPage>('mentions-page.json');
const dms = fixture<XDmEventsPage>('dm-events-page.json');

function tweet(id: string): TweetV2 {
  const found = mentions.data?.find((t) => t.id === id);
  if (!found) throw new Error(`fixture has no tweet ${id}`);
  return found;
}
const mention = (id: string) => parseMention(tweet(id), mentions.includes, SELF);
const dm = (id: string) => {
  const event = dms.data?.find((e) => e.id === id);
  if (!event) throw new Error(`fixture has no DM event ${id}`);
  return parseDmEvent(event, dms.includes, SELF);
};

describe('parseMention', () => {
  it('normalises a mention with photos and a place, answered in its thread', () => {
    const m = mention('1861230000000000001');
    expect(m).toMatchObject({
      channel: 'x',
      externalId: 'tweet:1861230000000000001',
      sender: { externalId: '2233445566', displayName: 'Ana Rahmawati' },
      replyAddress: 'x:tweet:1861230000000000001',
      kind: 'photo',
      public: true,
      text: [
        'Sampah menumpuk di depan Pasar Kranggot sudah seminggu, bau sekali & banyak lalat https://t.co/Xq3kLmN0pa',
        '(Lokasi di X: Cilegon, Banten)',
      ].join('\n'),
      attachments: [
        { kind: 'photo', platformFileId: 'https://pbs.twimg.com/media/GdQ2mX1bYAAp9Zk.jpg', mimeType: 'image/jpeg' },
        { kind: 'photo', platformFileId: 'https://pbs.twimg.com/media/GdQ2mX2aIAA7rTq.png', mimeType: 'image/png' },
      ],
    });
    expect(m?.location).toBeUndefined();
    expect(m?.receivedAt.toISOString()).toBe('2026-11-28T02:43:09.000Z');
    expect(parseAddress(m?.replyAddress ?? '')).toEqual({ channel: 'x', id: 'tweet:1861230000000000001' });
    // The raw payload keeps the tweet and only the includes it references.
    expect(m?.raw).toMatchObject({
      tweet: { id: '1861230000000000001' },
      includes: { users: [{ username: 'warga_ana' }], media: [{}, {}], places: [{ full_name: 'Cilegon, Banten' }] },
    });
  });

  it('strips the reply prefix of a reply tweet and answers the reply itself', () => {
    const m = mention('1861232000000000002');
    expect(m?.text).toBe('Betul, di Jl. Sudirman juga lampu jalannya mati > 1 minggu');
    expect(m?.replyAddress).toBe('x:tweet:1861232000000000002');
    expect(m?.sender).toEqual({ externalId: '5566778899', displayName: 'Budi Santoso' });
    expect(m?.kind).toBe('text');
  });

  it("ignores the city's own tweets (loop guard) and retweets", () => {
    expect(mention('1861234000000000003')).toBeNull();
    expect(mention('1861240000000000006')).toBeNull();
  });

  it('turns exact coordinates into a location and a place into a text note', () => {
    const m = mention('1861236000000000004');
    expect(m?.location).toEqual({ latitude: -6.0174, longitude: 106.0502 });
    expect(m?.text).toBe('pohon tumbang menutup jalan\n(Lokasi di X: Cilegon, Banten)');
    expect(m?.kind).toBe('text');
  });

  it('keeps a bare mention as an empty text (intake asks for details)', () => {
    const m = mention('1861238000000000005');
    expect(m).toMatchObject({ kind: 'text', text: '', attachments: [], sender: { displayName: 'Dedi Kurniawan' } });
  });

  it('ignores a tweet whose author was not expanded, and falls back to the media key without includes', () => {
    const { author_id: _, ...anonymous } = tweet('1861230000000000001');
    expect(parseMention(anonymous, mentions.includes, SELF)).toBeNull();
    const bare = parseMention(tweet('1861230000000000001'), undefined, SELF);
    expect(bare?.attachments.map((a) => a.platformFileId)).toEqual(['3_1861229990000000001', '3_1861229990000000002']);
    expect(bare?.sender).toEqual({ externalId: '2233445566' });
  });
});

describe('parseDmEvent', () => {
  it('normalises a DM, answered privately by DM', () => {
    expect(dm('1861246000000000002')).toMatchObject({
      channel: 'x',
      externalId: 'dm:1861246000000000002',
      sender: { externalId: '6677889900', displayName: 'Citra Lestari' },
      replyAddress: 'x:dm:6677889900',
      kind: 'text',
      text: 'Air PDAM mati sudah 3 hari di Perumahan Bumi Waringin blok C, mohon dicek',
      attachments: [],
      receivedAt: new Date('2026-11-28T03:47:03.000Z'),
    });
    expect(dm('1861246000000000002')?.public).toBeUndefined();
  });

  it('keeps a DM photo as an attachment', () => {
    const m = dm('1861248000000000003');
    expect(m?.kind).toBe('photo');
    expect(m?.attachments).toEqual([
      {
        kind: 'photo',
        platformFileId: 'https://ton.twitter.com/1.1/ton/data/dm/1861248000000000003/1861247990000000001/aB3dE5fG.jpg',
        mimeType: 'image/jpeg',
      },
    ]);
  });

  it("ignores the city's own DMs and conversation events", () => {
    expect(dm('1861250000000000004')).toBeNull();
    expect(dm('1861244000000000001')).toBeNull();
  });
});

describe('helpers', () => {
  it('strips only the leading run of handles', () => {
    expect(stripLeadingHandles('@kanaladuan @dinas_pu, jalan rusak dekat @alfamart')).toBe(
      'jalan rusak dekat @alfamart',
    );
    expect(stripLeadingHandles('  @kanaladuan  ')).toBe('');
    expect(stripLeadingHandles('jalan rusak @kanaladuan')).toBe('jalan rusak @kanaladuan');
  });

  it('reads the time inside a snowflake id', () => {
    expect(snowflakeTime('1861230000000000001')?.getFullYear()).toBeGreaterThanOrEqual(2024);
    expect(snowflakeTime('abc')).toBeNull();
  });

  it('fits a reply into 280 weighted characters, ending between words with "…"', () => {
    const long = `Laporan CLG-261128-7KQ2 ${'telah diteruskan ke dinas terkait '.repeat(12)}`;
    const fitted = fitTweet(long);
    expect(tweetWeight(fitted)).toBeLessThanOrEqual(280);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted).toMatch(/\S…$/);
    expect(long.startsWith(fitted.slice(0, -1))).toBe(true);
    expect(fitTweet('pendek')).toBe('pendek');
    expect(tweetWeight('a https://example.com/very/long/path/that/t.co/shortens 👍')).toBe(2 + 23 + 1 + 2);
  });
});
