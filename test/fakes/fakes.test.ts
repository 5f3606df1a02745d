// Proves each fake speaks its platform's API well enough for the REAL SDK clients (telegraf, twitter-api-v2)
// and for plain fetch (WhatsApp Cloud API). Every server and bot is stopped in afterEach.
import { createHmac } from 'node:crypto';
import { Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { ApiResponseError, type TweetV2PaginableTimelineParams, TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from './telegram-bot-api.js';
import { startFakeWhatsAppCloud, WHATSAPP_GRAPH_API_VERSION } from './whatsapp-cloud.js';
import { startFakeX, X_DEFAULT_ACCESS_TOKEN, X_DEFAULT_REFRESH_TOKEN, xClientOptionsFor } from './x-api.js';

/** Cleanup steps registered by the tests, run in reverse order after each test. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('fake Telegram Bot API with a real Telegraf bot', () => {
  async function startBot(onText: (updateId: number, text: string) => string | undefined) {
    const tg = await startFakeTelegram();
    cleanups.push(() => tg.close());
    const bot = new Telegraf(tg.token, { telegram: { apiRoot: tg.url } });
    bot.catch((error) => {
      throw error;
    });
    bot.on(message('text'), async (ctx) => {
      const reply = onText(ctx.update.update_id, ctx.message.text);
      if (reply) await ctx.reply(reply, { reply_parameters: { message_id: ctx.message.message_id } });
    });
    const running = bot.launch();
    cleanups.push(async () => {
      bot.stop('test over');
      await running;
    });
    return { tg, bot };
  }

  const getUpdatesOffsets = (tg: FakeTelegram) =>
    tg.calls.filter((c) => c.method === 'getUpdates').map((c) => c.body.offset);

  it('delivers a pushed text update by long polling and records the reply', async () => {
    const { tg } = await startBot((_, text) => `Aduan diterima: ${text}`);
    const updateId = tg.pushUpdate(tg.textUpdate(42, 'Jalan berlubang di Jl. Sudirman', { username: 'ana' }));
    expect(updateId).toBe(1000);

    const reply = await tg.waitForSent((m) => m.chat_id === 42);
    expect(reply).toMatchObject({ method: 'sendMessage', text: 'Aduan diterima: Jalan berlubang di Jl. Sudirman' });
    expect(reply.reply_parameters).toEqual({ message_id: expect.any(Number) });
    expect(tg.calls.map((c) => c.method).slice(0, 3)).toEqual(['getMe', 'deleteWebhook', 'getUpdates']);
  });

  it('advances the offset: an update is handled once unless pushDuplicate redelivers it', async () => {
    const handled: number[] = [];
    const { tg } = await startBot((updateId, text) => {
      handled.push(updateId);
      return `ok ${text}`;
    });
    const first = tg.pushUpdate(tg.textUpdate(7, 'satu'));
    await tg.waitForSent(1);
    const second = tg.pushUpdate(tg.textUpdate(7, 'dua'));
    await tg.waitForSent(2);
    expect(handled).toEqual([first, second]);
    await expect.poll(() => getUpdatesOffsets(tg)).toContain(second + 1); // telegraf confirms on its next poll

    tg.pushDuplicate(first);
    await tg.waitForSent(3);
    expect(handled).toEqual([first, second, first]);
    expect(tg.sent.map((m) => m.text)).toEqual(['ok satu', 'ok dua', 'ok satu']);
  });

  it('routes every builder through telegraf with Bot API field names', async () => {
    const { tg, bot } = await startBot(() => undefined);
    const seen: string[] = [];
    bot.on(
      message('photo'),
      (ctx) => void seen.push(`photo:${ctx.message.photo.at(-1)?.file_id}:${ctx.message.caption}`),
    );
    bot.on(message('location'), (ctx) => void seen.push(`location:${ctx.message.location.latitude}`));
    bot.on(message('sticker'), (ctx) => void seen.push(`sticker:${ctx.message.sticker.type}`));
    bot.on(message('voice'), (ctx) => void seen.push(`voice:${ctx.message.voice.mime_type}`));
    tg.pushUpdate(tg.photoUpdate(5, 'Sampah menumpuk', 'AgACAgIAAxkBAAIBfoto'));
    tg.pushUpdate(tg.locationUpdate(5, -6.0174, 106.0538));
    tg.pushUpdate(tg.stickerUpdate(5));
    tg.pushUpdate(tg.voiceUpdate(5));
    await expect.poll(() => seen.length).toBe(4);
    expect(seen).toEqual([
      'photo:AgACAgIAAxkBAAIBfoto:Sampah menumpuk',
      'location:-6.0174',
      'sticker:regular',
      'voice:audio/ogg',
    ]);
  });

  it('serves registered files through getFile and the file link', async () => {
    const tg = await startFakeTelegram();
    cleanups.push(() => tg.close());
    const bot = new Telegraf(tg.token, { telegram: { apiRoot: tg.url } });
    tg.registerFile('AgACfile', 'photos/file_0.jpg', 'JPEG-BYTES');
    const link = await bot.telegram.getFileLink('AgACfile');
    expect(link.href).toBe(`${tg.url}/file/bot${tg.token}/photos/file_0.jpg`);
    expect(await (await fetch(link)).text()).toBe('JPEG-BYTES');
    await expect(bot.telegram.getFile('unknown')).rejects.toThrow('Bad Request: invalid file_id');
  });

  it('injects 429 with retry_after, 403 blocked, and answers a wrong token with 401', async () => {
    const tg = await startFakeTelegram();
    cleanups.push(() => tg.close());
    const bot = new Telegraf(tg.token, { telegram: { apiRoot: tg.url } });
    tg.failNext('sendMessage', { status: 429, retryAfter: 2 });
    tg.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });

    const limited = await bot.telegram.sendMessage(42, 'halo').catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(TelegramError);
    expect((limited as TelegramError).code).toBe(429);
    expect((limited as TelegramError).parameters?.retry_after).toBe(2);
    await expect(bot.telegram.sendMessage(42, 'halo')).rejects.toMatchObject({ code: 403 });
    await expect(bot.telegram.sendMessage(42, 'halo')).resolves.toMatchObject({ text: 'halo', chat: { id: 42 } });
    expect(tg.sent).toHaveLength(1);

    const stranger = new Telegraf('1:wrong', { telegram: { apiRoot: tg.url } });
    await expect(stranger.telegram.getMe()).rejects.toMatchObject({ code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${tg.url}/bot${tg.token}/noSuchMethod`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('releases a held getUpdates immediately on close()', async () => {
    const tg = await startFakeTelegram();
    const held = fetch(`${tg.url}/bot${tg.token}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeout: 50 }),
    }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await tg.close();
    await held;
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('fake X API with a real twitter-api-v2 client', () => {
  async function start() {
    const x = await startFakeX();
    cleanups.push(() => x.close());
    return { x, client: new TwitterApi(X_DEFAULT_ACCESS_TOKEN, xClientOptionsFor(x.url)) };
  }
  const timelineOptions: Partial<TweetV2PaginableTimelineParams> = {
    expansions: ['author_id', 'attachments.media_keys', 'geo.place_id'],
    'tweet.fields': ['created_at', 'conversation_id'],
    'media.fields': ['url'],
  };

  it('reads mentions with since_id, resolves includes, and posts a reply', async () => {
    const { x, client } = await start();
    const me = await client.v2.me();
    expect(me.data.username).toBe('kanaladuan');
    const first = x.addMention({
      text: '@kanaladuan lampu jalan mati',
      authorId: '111',
      authorName: 'Ana',
      username: 'ana',
      mediaUrls: ['https://pbs.twimg.com/media/lampu.jpg'],
      place: { fullName: 'Cilegon, Banten' },
    });

    const page = await client.v2.userMentionTimeline(me.data.id, timelineOptions);
    const [tweet] = page.tweets;
    if (!tweet) throw new Error('expected one mention');
    expect(tweet).toMatchObject({ id: first, author_id: '111', conversation_id: first });
    expect(page.includes.author(tweet)).toEqual({ id: '111', name: 'Ana', username: 'ana' });
    expect(page.includes.medias(tweet)[0]).toEqual({
      media_key: expect.any(String),
      type: 'photo',
      url: 'https://pbs.twimg.com/media/lampu.jpg',
    });
    expect(page.includes.place(tweet)?.full_name).toBe('Cilegon, Banten');
    expect(page.meta.newest_id).toBe(first);
    expect(page.rateLimit).toMatchObject({ limit: 75, remaining: 74 });

    const second = x.addMention({
      text: '@kanaladuan banjir',
      authorId: '222',
      authorName: 'Budi',
      username: 'budi',
      inReplyTo: first,
    });
    expect(BigInt(second) > BigInt(first)).toBe(true);
    const next = await client.v2.userMentionTimeline(me.data.id, { ...timelineOptions, since_id: page.meta.newest_id });
    expect(next.tweets.map((t) => t.id)).toEqual([second]);
    const none = await client.v2.userMentionTimeline(me.data.id, { since_id: second });
    expect(none.meta.result_count).toBe(0);
    expect(none.tweets).toEqual([]);

    const posted = await client.v2.reply('Aduan Anda tercatat: CLG-261128-7KQ2', second);
    expect(x.tweets).toEqual([expect.objectContaining({ id: posted.data.id, in_reply_to_tweet_id: second })]);
  });

  it('returns default fields only, as X does without tweet.fields', async () => {
    const { x, client } = await start();
    const id = x.addMention({ text: '@kanaladuan tes', authorId: '111', authorName: 'Ana', username: 'ana' });
    const page = await client.v2.userMentionTimeline(x.me.id);
    expect(page.tweets).toEqual([{ id, text: '@kanaladuan tes', edit_history_tweet_ids: [id] }]);
    await expect(client.v2.userMentionTimeline(x.me.id, { since_id: 'undefined' })).rejects.toMatchObject({
      code: 400,
    });
  });

  it('answers 429 with rate-limit headers the library exposes', async () => {
    const { x, client } = await start();
    const reset = Math.floor(Date.now() / 1000) + 600;
    x.setRateLimit('GET /2/users/:id/mentions', { limit: 75, remaining: 0, resetEpochSec: reset });
    const error = await client.v2.userMentionTimeline(x.me.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).rateLimitError).toBe(true);
    expect((error as ApiResponseError).rateLimit).toEqual({ limit: 75, remaining: 0, reset });
    expect((error as ApiResponseError).data).toMatchObject({ title: 'Too Many Requests', status: 429 });
  });

  it('rejects an expired token with 401 and issues a new pair on refresh', async () => {
    const { x, client } = await start();
    x.expireToken(X_DEFAULT_ACCESS_TOKEN);
    const error = await client.v2.me().catch((e: unknown) => e);
    expect((error as ApiResponseError).code).toBe(401);
    expect((error as ApiResponseError).isAuthError).toBe(true);

    const app = new TwitterApi({ clientId: 'client-id', clientSecret: 'client-secret' }, xClientOptionsFor(x.url));
    const refreshed = await app.refreshOAuth2Token(X_DEFAULT_REFRESH_TOKEN);
    expect(refreshed.refreshToken).toBe(x.tokenRefreshes[0]?.refreshToken);
    expect((await refreshed.client.v2.me()).data.id).toBe(x.me.id);
    await expect(app.refreshOAuth2Token(X_DEFAULT_REFRESH_TOKEN)).rejects.toMatchObject({ code: 400 });
  });

  it('lists DM events with sender includes and records a sent DM', async () => {
    const { x, client } = await start();
    const incoming = x.addDm({ text: 'Air PDAM mati 3 hari', senderId: '333', senderName: 'Citra' });
    const events = await client.v2.listDmEvents({
      expansions: ['sender_id'],
      'dm_event.fields': ['dm_conversation_id', 'created_at'],
    });
    expect(events.events[0]).toMatchObject({
      id: incoming,
      event_type: 'MessageCreate',
      sender_id: '333',
      dm_conversation_id: `333-${x.me.id}`,
    });
    expect(events.includes.users).toEqual([{ id: '333', name: 'Citra', username: 'user333' }]);

    // X answers {data:{dm_conversation_id, dm_event_id}}; twitter-api-v2 1.29 types the result without `data`.
    const sent: unknown = await client.v2.sendDmToParticipant('333', { text: 'Laporan diterima' });
    const [dm] = x.dms;
    expect(dm).toMatchObject({ participant_id: '333', text: 'Laporan diterima' });
    expect(sent).toEqual({ data: { dm_conversation_id: dm?.dm_conversation_id, dm_event_id: dm?.dm_event_id } });
    const after = await client.v2.listDmEvents({ 'dm_event.fields': ['sender_id'] });
    expect(after.events.map((e) => e.sender_id)).toEqual([x.me.id, '333']);
  });
});

describe('fake WhatsApp Cloud API', () => {
  const secrets = { appSecret: 'app-secret', accessToken: 'wa-token' };
  async function start() {
    const wa = await startFakeWhatsAppCloud(secrets);
    cleanups.push(() => wa.close());
    const post = (body: unknown, token = secrets.accessToken) =>
      fetch(`${wa.url}/${WHATSAPP_GRAPH_API_VERSION}/${wa.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    return { wa, post };
  }
  const text = (to: string, body: string) => ({ messaging_product: 'whatsapp', to, type: 'text', text: { body } });

  it('accepts a text send and records it', async () => {
    const { wa, post } = await start();
    const res = await post(text('6281234567890', 'Aduan Anda kami terima'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { contacts: unknown[]; messages: { id: string }[] };
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '6281234567890', wa_id: '6281234567890' }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    expect(wa.sent[0]).toMatchObject({ to: '6281234567890', type: 'text', text: { body: 'Aduan Anda kami terima' } });
    expect(wa.sent[0]?.wamid).toBe(body.messages[0]?.id);
  });

  it('rejects a bad token with Graph error 190', async () => {
    const { wa, post } = await start();
    const res = await post(text('6281234567890', 'x'), 'wrong-token');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) },
    });
    expect(wa.sent).toHaveLength(0);
  });

  it('enforces the 24-hour window for free-form text but lets templates through', async () => {
    const { wa, post } = await start();
    wa.closeWindow('6281234567890');
    const rejected = await post(text('6281234567890', 'Status tiket berubah'));
    expect(rejected.status).toBe(400);
    expect(await rejected.json()).toMatchObject({ error: { code: 131047 } });
    const template = { name: 'status_tiket', language: { code: 'id' } };
    const accepted = await post({ messaging_product: 'whatsapp', to: '6281234567890', type: 'template', template });
    expect(accepted.status).toBe(200);
    expect(wa.sent.map((m) => m.type)).toEqual(['template']);
  });

  it('serves media metadata and bytes, and builds signed webhooks', async () => {
    const { wa } = await start();
    wa.registerMedia('1234567890', 'PNGDATA', 'image/png');
    const auth = { authorization: `Bearer ${secrets.accessToken}` };
    const meta = (await (
      await fetch(`${wa.url}/${WHATSAPP_GRAPH_API_VERSION}/1234567890`, { headers: auth })
    ).json()) as { url: string; mime_type: string; file_size: number };
    expect(meta).toMatchObject({ mime_type: 'image/png', file_size: 7, id: '1234567890' });
    expect(await (await fetch(meta.url, { headers: auth })).text()).toBe('PNGDATA');

    const payload = wa.imageWebhook({
      from: '6281234567890',
      name: 'Ana',
      mediaId: '1234567890',
      caption: 'Pohon tumbang',
      replyTo: 'wamid.ABC',
    });
    const value = payload.entry[0]?.changes[0]?.value;
    expect(value?.metadata).toEqual({ display_phone_number: wa.displayPhoneNumber, phone_number_id: wa.phoneNumberId });
    expect(value?.messages?.[0]).toMatchObject({
      type: 'image',
      image: { id: '1234567890', caption: 'Pohon tumbang' },
      context: { id: 'wamid.ABC' },
    });
    const { rawBody, headers } = wa.signedWebhook(payload);
    const expected = `sha256=${createHmac('sha256', secrets.appSecret).update(rawBody).digest('hex')}`;
    expect(headers['x-hub-signature-256']).toBe(expected);
    expect(
      wa.statusWebhook({ id: 'wamid.X', status: 'failed', recipientId: '628' }).entry[0]?.changes[0]?.value
        .statuses?.[0]?.errors?.[0]?.code,
    ).toBe(131047);
  });
});
