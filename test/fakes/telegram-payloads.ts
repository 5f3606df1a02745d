/**
 * Telegram payload shapes for the fake Bot API: builders for realistic Update JSON (private chats with a
 * citizen), typed with typegram so field names are exactly the Bot API's (https://core.telegram.org/bots/api#update),
 * and the records the fake keeps of what the bot sent. Tests can also use the builders for webhook payloads.
 */
import type { Chat, Message, Update, User } from 'telegraf/types';
import type { Fields, UploadedFile } from './http-util.js';

/** A scripted failure returned by the next call(s) of one method, see failNext(). */
export type TelegramFault =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 400; description: string }
  | { status: 403; description: string };

/** One sendMessage/sendPhoto call as the bot made it, plus the message_id the fake answered with. */
export interface SentMessage {
  method: 'sendMessage' | 'sendPhoto';
  message_id: number;
  chat_id: number | string;
  text?: string;
  caption?: string;
  photo?: string | UploadedFile;
  parse_mode?: string;
  reply_to_message_id?: number;
  reply_parameters?: Fields;
  reply_markup?: Fields;
}

/** Every authorised Bot API call, in arrival order (failed ones carry the injected status). */
export interface TelegramCall {
  method: string;
  body: Fields;
  failedWith?: number;
}

/** An Update before an update_id is assigned (the fake's pushUpdate() fills it in). */
export type NewUpdate<U extends Update = Update> = U extends Update
  ? Omit<U, 'update_id'> & { update_id?: number }
  : never;

type MessageUpdateOf<M extends Message> = NewUpdate<Update.MessageUpdate<M>>;

/** The five update builders; each call takes the next message_id from the supplied counter. */
export interface TelegramUpdateBuilders {
  /** A text message; a leading "/command" gets the bot_command entity telegraf's bot.command() needs. */
  textUpdate(chatId: number, text: string, from?: Partial<User>): MessageUpdateOf<Message.TextMessage>;
  /** A photo (sizes smallest → largest; the largest has file_id === fileId) with a caption. */
  photoUpdate(chatId: number, caption: string, fileId: string): MessageUpdateOf<Message.PhotoMessage>;
  locationUpdate(chatId: number, lat: number, lon: number): MessageUpdateOf<Message.LocationMessage>;
  stickerUpdate(chatId: number): MessageUpdateOf<Message.StickerMessage>;
  voiceUpdate(chatId: number): MessageUpdateOf<Message.VoiceMessage>;
}

/** Creates builders that draw message ids from nextMessageId (shared with the fake's outgoing messages). */
export function createUpdateBuilders(nextMessageId: () => number): TelegramUpdateBuilders {
  /** Fields common to every citizen message; in a private chat chat.id === from.id, as on Telegram. */
  function incoming(chatId: number, from: Partial<User> = {}) {
    const user: User = { id: chatId, is_bot: false, first_name: 'Warga', language_code: 'id', ...from };
    const chat: Chat.PrivateChat = { id: chatId, type: 'private', first_name: user.first_name };
    if (user.username !== undefined) chat.username = user.username;
    return { message_id: nextMessageId(), date: Math.floor(Date.now() / 1000), chat, from: user };
  }

  return {
    textUpdate(chatId, text, from) {
      const command = /^\/\w+/.exec(text);
      const entity = command && { type: 'bot_command' as const, offset: 0, length: command[0].length };
      const entities = entity ? { entities: [entity] } : {};
      return { message: { ...incoming(chatId, from), text, ...entities } };
    },
    photoUpdate(chatId, caption, fileId) {
      const sizes = [
        [90, 67, 1200],
        [320, 240, 14000],
        [1280, 960, 120000],
      ] as const;
      const photo = sizes.map(([width, height, file_size], i) => ({
        file_id: i === sizes.length - 1 ? fileId : `${fileId}-${width}`,
        file_unique_id: `AQAD${fileId.slice(-6)}${i}`,
        width,
        height,
        file_size,
      }));
      return { message: { ...incoming(chatId), photo, caption } };
    },
    locationUpdate(chatId, latitude, longitude) {
      return { message: { ...incoming(chatId), location: { latitude, longitude } } };
    },
    stickerUpdate(chatId) {
      const base = incoming(chatId);
      const sticker = {
        file_id: `CAACAgIAAxkBSticker${base.message_id}`,
        file_unique_id: `AgADSticker${base.message_id}`,
        type: 'regular' as const,
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: '👍',
      };
      return { message: { ...base, sticker } };
    },
    voiceUpdate(chatId) {
      const base = incoming(chatId);
      const voice = {
        file_id: `AwACAgIAAxkBVoice${base.message_id}`,
        file_unique_id: `AgADVoice${base.message_id}`,
        duration: 3,
        mime_type: 'audio/ogg',
        file_size: 9000,
      };
      return { message: { ...base, voice } };
    },
  };
}
