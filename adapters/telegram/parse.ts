// Telegram Update -> IncomingMessage. Pure: tested on captured fixtures and on the payload corpus.
// Every update kind we subscribe to is normalised, so it is stored: new messages (private or group), edits,
// reactions, service messages (pins, migrations, members joining), channel posts and the bot's own membership
// (a user blocking the bot). https://core.telegram.org/bots/api#update
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { Message, Update } from './types.js';

/** Who the bot is (getMe), to tell whether a group message addresses it. */
export interface TelegramBotIdentity {
  id: number;
  username?: string;
}

/** Message fields that mark a service message (https://core.telegram.org/bots/api#message), never a report. */
const SERVICE_FIELDS = [
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'message_auto_delete_timer_changed',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'write_access_allowed',
  'users_shared',
  'chat_shared',
  'boost_added',
  'chat_background_set',
  'proximity_alert_triggered',
] as const;

type Loose = Record<string, unknown>;
type ChatLike = { id: number; type: string; title?: string };
type UserLike = { id: number; is_bot?: boolean; first_name?: string; last_name?: string; username?: string };

/** Normalises one update; null for what is not ours to store (our own or another bot's messages). */
export function parseTelegramUpdate(update: Update, bot?: TelegramBotIdentity): IncomingMessage | null {
  const u = update as unknown as Loose;
  const externalId = String(update.update_id);
  if (isRecord(u.message)) return parseMessage(update, u.message as unknown as Message, bot, null);
  if (isRecord(u.edited_message)) {
    const m = u.edited_message as unknown as Message;
    return parseMessage(update, m, bot, `${m.chat.id}:${m.message_id}`);
  }
  for (const key of ['channel_post', 'edited_channel_post'] as const) {
    const post = u[key];
    if (isRecord(post)) return channelPost(externalId, post, key);
  }
  if (isRecord(u.my_chat_member) || isRecord(u.chat_member)) {
    return memberUpdate(externalId, (u.my_chat_member ?? u.chat_member) as Loose, isRecord(u.my_chat_member));
  }
  if (isRecord(u.message_reaction)) return reaction(externalId, u.message_reaction);
  return null;
}

function senderOf(from: UserLike) {
  return {
    externalId: String(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username,
  };
}

function conversationOf(m: Message, bot: TelegramBotIdentity | undefined): IncomingMessage['conversation'] {
  const chat = m.chat as ChatLike;
  if (chat.type === 'private') return undefined;
  return { type: 'group', id: String(chat.id), title: chat.title, addressed: addressesBot(m, bot) };
}

/** In a group the bot answers only when spoken to: a command, a mention of its name, or a reply to it. */
function addressesBot(m: Message, bot: TelegramBotIdentity | undefined): boolean {
  const loose = m as unknown as Loose;
  const text = String(loose.text ?? loose.caption ?? '');
  const replyFrom = isRecord(loose.reply_to_message)
    ? (loose.reply_to_message.from as UserLike | undefined)
    : undefined;
  if (replyFrom && (bot ? replyFrom.id === bot.id : replyFrom.is_bot === true)) return true;
  const name = bot?.username?.toLowerCase();
  if (name && text.toLowerCase().includes(`@${name}`)) return true;
  // A bare "/start" in a group may be meant for another bot; "/start@ours" was handled above.
  return /^\/\w+(\s|$)/.test(text) && !text.includes('@');
}

function parseMessage(
  update: Update,
  m: Message,
  bot: TelegramBotIdentity | undefined,
  editOf: string | null,
): IncomingMessage | null {
  if (!isRecord(m.chat) || typeof m.chat.id !== 'number' || typeof m.message_id !== 'number') {
    throw new Error('message without a chat id or message_id');
  }
  const from = m.from as UserLike | undefined;
  // Loop guard: never treat a bot's message (ours included) as a report.
  if (!from || from.is_bot) return null;
  const conversation = conversationOf(m, bot);
  const base = {
    channel: 'telegram' as const,
    // update_id exists "to ignore repeated updates" (Bot API docs): the dedupe key.
    externalId: String(update.update_id),
    platformMessageId: `${m.chat.id}:${m.message_id}`,
    sender: senderOf(from),
    replyAddress: formatAddress('telegram', String(m.chat.id)),
    // An edit is dated when it was made: flood protection and merging look at that time.
    receivedAt: new Date((((m as unknown as Loose).edit_date as number | undefined) ?? m.date) * 1000),
    raw: update,
    ...(conversation ? { conversation } : {}),
  };
  const service = SERVICE_FIELDS.find((f) => f in m);
  if (service) {
    return { ...base, kind: 'system', text: service, attachments: [], event: { type: 'system', description: service } };
  }
  const content = contentOf(m, from);
  if (editOf) return { ...base, ...content, kind: 'edit', event: { type: 'edit', target: editOf } };
  return { ...base, ...content };
}

type Content = Pick<IncomingMessage, 'kind' | 'text' | 'attachments' | 'location'> & {
  sender?: IncomingMessage['sender'];
};

function contentOf(m: Message, from: UserLike): Content {
  const attachments: IncomingAttachment[] = [];
  if ('text' in m) return { kind: 'text', text: m.text, attachments };
  if ('photo' in m && m.photo.length > 0) {
    // Sizes run smallest to largest: keep the largest.
    const largest = m.photo[m.photo.length - 1];
    if (largest) {
      attachments.push({
        kind: 'photo',
        platformFileId: largest.file_id,
        mimeType: 'image/jpeg',
        sizeBytes: largest.file_size,
      });
    }
    return { kind: 'photo', text: m.caption ?? '', attachments };
  }
  if ('document' in m) {
    const d = m.document;
    attachments.push({ kind: 'document', platformFileId: d.file_id, mimeType: d.mime_type, sizeBytes: d.file_size });
    return { kind: 'photo', text: m.caption ?? '', attachments };
  }
  if ('location' in m) {
    const { latitude, longitude } = m.location;
    return { kind: 'location', text: '', attachments, location: { latitude, longitude } };
  }
  if ('contact' in m) {
    // Only the sender's own contact proves their number.
    const phone = m.contact.user_id === from.id ? m.contact.phone_number : undefined;
    return { kind: 'contact', text: '', attachments, sender: { ...senderOf(from), phone } };
  }
  // Stickers, voice notes, videos, polls...: kept, answered politely.
  return { kind: 'unsupported', text: '', attachments };
}

/** A post in a channel the bot administers: the city's own broadcast, not a citizen. Recorded only. */
function channelPost(externalId: string, post: Loose, key: string): IncomingMessage {
  const chat = post.chat as ChatLike;
  const description = key === 'channel_post' ? 'channel post' : 'channel post edited';
  return {
    channel: 'telegram',
    externalId,
    sender: { externalId: String(chat.id), displayName: chat.title },
    replyAddress: formatAddress('telegram', String(chat.id)),
    conversation: { type: 'group', id: String(chat.id), title: chat.title, addressed: false },
    kind: 'system',
    text: String(post.text ?? post.caption ?? ''),
    attachments: [],
    event: { type: 'system', description },
    receivedAt: new Date(Number(post.date) * 1000),
    raw: { update_id: Number(externalId), [key]: post },
  };
}

/**
 * The bot's membership changed (my_chat_member) or, where the bot is an admin, someone else's (chat_member).
 * In a private chat "kicked" means the user blocked the bot and "member" that they unblocked it.
 */
function memberUpdate(externalId: string, change: Loose, mine: boolean): IncomingMessage {
  const chat = change.chat as ChatLike;
  const from = change.from as UserLike;
  const status = String((change.new_chat_member as Loose | undefined)?.status ?? 'unknown');
  const privateChat = chat.type === 'private';
  const reachable = mine && privateChat ? status !== 'kicked' : undefined;
  const description = `${mine ? 'bot' : 'member'} ${status}`;
  return {
    channel: 'telegram',
    externalId,
    sender: senderOf(from),
    replyAddress: formatAddress('telegram', String(chat.id)),
    ...(privateChat
      ? {}
      : { conversation: { type: 'group' as const, id: String(chat.id), title: chat.title, addressed: false } }),
    kind: 'system',
    text: description,
    attachments: [],
    event: { type: 'system', description, ...(reachable !== undefined ? { reachable } : {}) },
    receivedAt: new Date(Number(change.date) * 1000),
    raw: { update_id: Number(externalId), [mine ? 'my_chat_member' : 'chat_member']: change },
  };
}

/** A reaction on a message (Bot API 7.0); an empty new_reaction removes it. */
function reaction(externalId: string, r: Loose): IncomingMessage | null {
  const chat = r.chat as ChatLike;
  const user = (r.user ?? r.actor_chat) as UserLike | undefined;
  if (!user || user.is_bot) return null;
  const emojis = Array.isArray(r.new_reaction) ? r.new_reaction : [];
  const emoji = emojis.map((e) => (isRecord(e) ? String(e.emoji ?? e.custom_emoji_id ?? '') : '')).join('');
  return {
    channel: 'telegram',
    externalId,
    sender: senderOf(user),
    replyAddress: formatAddress('telegram', String(chat.id)),
    ...(chat.type === 'private'
      ? {}
      : { conversation: { type: 'group' as const, id: String(chat.id), addressed: false } }),
    kind: 'reaction',
    text: emoji,
    attachments: [],
    event: { type: 'reaction', target: `${chat.id}:${String(r.message_id)}`, emoji },
    receivedAt: new Date(Number(r.date) * 1000),
    raw: { update_id: Number(externalId), message_reaction: r },
  };
}

/** An update we could not read (a shape the parser does not expect): stored raw, never answered. */
export function unreadableUpdate(update: unknown, error: string, now: Date): IncomingMessage {
  const id = isRecord(update) && typeof update.update_id === 'number' ? update.update_id : -1;
  return {
    channel: 'telegram',
    externalId: String(id),
    sender: { externalId: 'unknown' },
    replyAddress: formatAddress('telegram', 'unknown'),
    kind: 'system',
    text: error.slice(0, 500),
    attachments: [],
    event: { type: 'system', description: `unreadable update: ${error.slice(0, 200)}` },
    receivedAt: now,
    raw: update,
  };
}

const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
