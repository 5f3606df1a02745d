/**
 * A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) for end-to-end tests that
 * drive a real Telegraf client: `new Telegraf(fake.token, { telegram: { apiRoot: fake.url } })`.
 * Serves POST /bot<token>/<method> (JSON, form or multipart) and GET /file/bot<token>/<path>.
 */
import type http from 'node:http';
import type { Chat, Message, Update, User } from 'telegraf/types';
import {
  asNumber,
  asString,
  compact,
  decodeFormStrings,
  FaultQueue,
  type Fields,
  hold,
  isFields,
  Notifier,
  requestBody,
  sendJson,
  serve,
  type UploadedFile,
  waitUntil,
} from './http-util.js';
import {
  createUpdateBuilders,
  type NewUpdate,
  type SentMessage,
  type TelegramCall,
  type TelegramFault,
  type TelegramUpdateBuilders,
} from './telegram-payloads.js';

export type {
  NewUpdate,
  SentMessage,
  TelegramCall,
  TelegramFault,
  TelegramUpdateBuilders,
} from './telegram-payloads.js';

/** Default bot token; the "<digits>:<secret>" shape matters because telegraf redacts tokens by that pattern. */
export const DEFAULT_TELEGRAM_TOKEN = '7000000001:AAFakeTokenForKanalAduanTests_0123456';

/** Handle returned by startFakeTelegram(); the *Update() builders come from telegram-payloads.ts. */
export interface FakeTelegram extends TelegramUpdateBuilders {
  /** apiRoot for telegraf (no trailing slash, so `${apiRoot}/file/...` links stay valid). */
  readonly url: string;
  readonly token: string;
  readonly sent: SentMessage[];
  readonly calls: TelegramCall[];
  /** Queues an update for getUpdates; assigns update_id (from 1000) when missing and returns it. */
  pushUpdate(update: Update | NewUpdate): number;
  /** Re-queues a pushed update (object or update_id) with the same update_id, like a Telegram redelivery. */
  pushDuplicate(update: Update | number): void;
  /** Makes getFile(fileId) answer with filePath and serves bytes at /file/bot<token>/<filePath>. */
  registerFile(fileId: string, filePath: string, bytes: Uint8Array | string): void;
  /** The next `times` calls of `method` fail with the given error instead of running. */
  failNext(method: string, fault: TelegramFault, times?: number): void;
  /** Drops every queued failure of `method`. */
  clearFaults(method: string): void;
  /** Resolves with the first sent message matching predicate, or with the first `count` sent messages. */
  waitForSent(predicate: (message: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** Releases held getUpdates requests and stops the server. */
  close(): Promise<void>;
}

const CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
/** Form fields that carry free text and must not be decoded as JSON. */
const TEXT_FIELDS = new Set(['text', 'caption', 'description', 'url', 'file_id', 'secret_token', 'callback_query_id']);
const now = (): number => Math.floor(Date.now() / 1000);

/** Starts the fake Bot API on an ephemeral port. */
export async function startFakeTelegram(opts: { token?: string } = {}): Promise<FakeTelegram> {
  const token = opts.token ?? DEFAULT_TELEGRAM_TOKEN;
  const botId = Number(token.split(':')[0]) || 7000000001;
  const botUser: User = { id: botId, is_bot: true, first_name: 'Kanal Aduan', username: 'kanal_aduan_test_bot' };
  const sent: SentMessage[] = [];
  const calls: TelegramCall[] = [];
  const queue: Update[] = []; // unconfirmed updates, ascending update_id
  const redeliveries: Update[] = []; // duplicates delivered once at the head of the next getUpdates
  const history = new Map<number, Update>();
  const chats = new Map<number, Chat.PrivateChat>();
  const files = new Map<string, { filePath: string; bytes: Buffer }>();
  const faults = new FaultQueue<TelegramFault>();
  const updatesChanged = new Notifier();
  const sentChanged = new Notifier();
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let webhookUrl = '';
  let closed = false;

  const webhookInfo = () => ({ url: webhookUrl, has_custom_certificate: false, pending_update_count: queue.length });
  const chatFor = (chatId: number): Chat.PrivateChat =>
    chats.get(chatId) ?? { id: chatId, type: 'private', first_name: 'Warga' };

  function take(limit: number): Update[] {
    const dups = redeliveries.splice(0, limit);
    return [...dups, ...queue.slice(0, limit - dups.length)];
  }

  /**
   * getUpdates (https://core.telegram.org/bots/api#getupdates): an offset confirms (drops) every update below it;
   * queued updates are answered at once, otherwise the request is held up to min(timeout, 1) s or until a push.
   */
  async function getUpdates(body: Fields, res: http.ServerResponse): Promise<Update[] | undefined> {
    const offset = asNumber(body.offset) ?? 0;
    const limit = Math.min(Math.max(asNumber(body.limit) ?? 100, 1), 100);
    const timeout = asNumber(body.timeout) ?? 0;
    if (offset > 0) while (queue.length > 0 && (queue[0]?.update_id ?? 0) < offset) queue.shift();
    if (offset < 0) queue.splice(0, Math.max(queue.length + offset, 0)); // negative offset keeps the last -offset
    if (queue.length + redeliveries.length === 0 && timeout > 0 && !closed) {
      await hold(updatesChanged, Math.min(timeout, 1) * 1000, res); // bot.stop() aborts it: res closes
      if (res.destroyed || res.writableEnded) return undefined; // nobody to answer; keep updates queued
    }
    return take(limit);
  }

  /** Records a sendMessage/sendPhoto and builds the Message Telegram would answer with. */
  function recordSent(method: SentMessage['method'], body: Fields): Message.TextMessage | Message.PhotoMessage {
    const chatId = asNumber(body.chat_id) ?? 0;
    const message_id = nextMessageId++;
    const text = asString(body.text);
    const caption = asString(body.caption);
    const photo = body.photo;
    sent.push(
      compact<SentMessage>({
        method,
        message_id,
        chat_id: typeof body.chat_id === 'string' ? body.chat_id : chatId,
        text,
        caption,
        photo: typeof photo === 'string' || isFields(photo) ? (photo as UploadedFile | string) : undefined,
        parse_mode: asString(body.parse_mode),
        reply_to_message_id: asNumber(body.reply_to_message_id),
        reply_parameters: isFields(body.reply_parameters) ? body.reply_parameters : undefined,
        reply_markup: isFields(body.reply_markup) ? body.reply_markup : undefined,
      }),
    );
    sentChanged.notify();
    const base = { message_id, date: now(), chat: chatFor(chatId), from: botUser };
    if (method === 'sendMessage') return { ...base, text: text ?? '' };
    const size = { file_id: `AgACSent${message_id}`, file_unique_id: `AQADSent${message_id}`, width: 960, height: 720 };
    return compact({ ...base, caption, photo: [size] });
  }

  type Result =
    | { ok: true; result: unknown }
    | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };
  const badRequest = (description: string): Result => ({
    ok: false,
    error_code: 400,
    description: `Bad Request: ${description}`,
  });

  /** Runs one Bot API method; returns undefined when the request went away while held. */
  async function runMethod(method: string, body: Fields, res: http.ServerResponse): Promise<Result | undefined> {
    switch (method) {
      case 'getMe':
        return { ok: true, result: { ...botUser, can_join_groups: true, can_read_all_group_messages: false } };
      case 'deleteWebhook':
        webhookUrl = '';
        if (body.drop_pending_updates === true) queue.length = 0;
        return { ok: true, result: true };
      case 'setWebhook':
        webhookUrl = asString(body.url) ?? '';
        return { ok: true, result: true };
      case 'getWebhookInfo':
        return { ok: true, result: webhookInfo() };
      case 'getUpdates': {
        // Real Telegram refuses polling while a webhook is set (https://core.telegram.org/bots/api#getupdates).
        if (webhookUrl !== '') return { ok: false, error_code: 409, description: CONFLICT };
        const updates = await getUpdates(body, res);
        return updates && { ok: true, result: updates };
      }
      case 'sendMessage':
      case 'sendPhoto':
        if (body.chat_id === undefined || body.chat_id === '') return badRequest('chat_id is empty');
        if (method === 'sendPhoto' && body.photo === undefined) return badRequest('there is no photo in the request');
        if (method === 'sendMessage' && !asString(body.text)) return badRequest('message text is empty');
        return { ok: true, result: recordSent(method, body) };
      case 'sendChatAction':
      case 'answerCallbackQuery':
        return { ok: true, result: true };
      case 'getFile': {
        const fileId = asString(body.file_id) ?? '';
        const file = files.get(fileId);
        if (!file) return badRequest('invalid file_id');
        const result = { file_id: fileId, file_unique_id: `AQAD${fileId.slice(-8)}`, file_size: file.bytes.length };
        return { ok: true, result: { ...result, file_path: file.filePath } };
      }
      default:
        return { ok: false, error_code: 404, description: 'Not Found' };
    }
  }

  /** The error body for a scripted fault; for 5xx telegraf only looks at the HTTP status text anyway. */
  function faultResult(fault: TelegramFault): Result {
    if (fault.status === 500) return { ok: false, error_code: 500, description: 'Internal Server Error' };
    if (fault.status !== 429) return { ok: false, error_code: fault.status, description: fault.description };
    const description = `Too Many Requests: retry after ${fault.retryAfter}`;
    return { ok: false, error_code: 429, description, parameters: { retry_after: fault.retryAfter } };
  }

  const unauthorized = { ok: false, error_code: 401, description: 'Unauthorized' };
  const notFound = { ok: false, error_code: 404, description: 'Not Found' };

  const served = await serve(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (req.method === 'GET' && file) {
      if (file[1] !== token) return sendJson(res, 401, unauthorized);
      const found = [...files.values()].find((f) => f.filePath === file[2]);
      if (!found) return sendJson(res, 404, notFound);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.bytes.length });
      return void res.end(found.bytes);
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!call) return sendJson(res, 404, notFound);
    if (call[1] !== token) return sendJson(res, 401, unauthorized);
    const method = call[2] ?? '';
    const raw = await requestBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body = isJson ? raw : decodeFormStrings(raw, TEXT_FIELDS);
    const fault = faults.take(method);
    calls.push(fault ? { method, body, failedWith: fault.status } : { method, body });
    if (fault) return sendJson(res, fault.status, faultResult(fault));
    const result = await runMethod(method, body, res);
    if (result) sendJson(res, result.ok ? 200 : result.error_code, result);
  });
  const url = served.url;

  function pushUpdate(update: Update | NewUpdate): number {
    const update_id = update.update_id ?? nextUpdateId;
    nextUpdateId = Math.max(nextUpdateId, update_id + 1);
    const full = { ...update, update_id } as Update;
    if ('message' in full && full.message.chat.type === 'private') chats.set(full.message.chat.id, full.message.chat);
    history.set(update_id, full);
    const at = queue.findIndex((u) => u.update_id > update_id);
    queue.splice(at === -1 ? queue.length : at, 0, full);
    updatesChanged.notify();
    return update_id;
  }

  function waitForSent(
    target: number | ((message: SentMessage) => boolean),
    timeoutMs = 5000,
  ): Promise<SentMessage | SentMessage[]> {
    const probe =
      typeof target === 'number'
        ? () => (sent.length >= target ? sent.slice(0, target) : undefined)
        : () => sent.find(target);
    const wanted = typeof target === 'number' ? `${target} sent message(s)` : 'a sent message matching the predicate';
    const describe = () => `Wanted ${wanted}; sent so far: ${JSON.stringify(sent)}`;
    return waitUntil<SentMessage | SentMessage[]>(sentChanged, probe, timeoutMs, describe);
  }

  return {
    url,
    token,
    sent,
    calls,
    pushUpdate,
    pushDuplicate(update) {
      const original = typeof update === 'number' ? history.get(update) : update;
      if (!original) throw new Error(`pushDuplicate: no update with update_id ${String(update)} was pushed`);
      redeliveries.push(original);
      updatesChanged.notify();
    },
    ...createUpdateBuilders(() => nextMessageId++),
    registerFile(fileId, filePath, bytes) {
      files.set(fileId, { filePath, bytes: Buffer.from(bytes) });
    },
    failNext: (method, fault, times = 1) => faults.add(method, fault, times),
    clearFaults: (method) => faults.clear(method),
    waitForSent: waitForSent as FakeTelegram['waitForSent'],
    async close() {
      closed = true;
      updatesChanged.notify(); // held getUpdates answer [] now instead of after their timeout
      await served.close();
    },
  };
}
