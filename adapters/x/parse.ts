// X API v2 mention tweets and DM events -> IncomingMessage. Pure: tested on fixtures shaped like X's responses.
import type { IncomingAttachment, IncomingMessage } from '../../src/channels/contract.js';
import { formatAddress } from '../../src/channels/contract.js';
import type { ApiV2Includes, DMEventV2, MediaObjectV2, TweetV2 } from './types.js';

const TWITTER_EPOCH_MS = 1288834974657n;

/** The creation time inside a snowflake id (milliseconds since the Twitter epoch, bits 22 and up). */
export function snowflakeTime(id: string): Date | null {
  if (!/^\d+$/.test(id)) return null;
  return new Date(Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS));
}

/** Orders snowflake ids (decimal strings too long for a Number) oldest first. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Drops the leading run of @handles. X prefixes a reply with everyone in the thread, and the city's own
 * handle is addressing rather than content; the raw payload keeps the original text.
 */
export function stripLeadingHandles(text: string): string {
  // Handles are 1-15 letters, digits or underscores (https://help.x.com/en/managing-your-account/x-username-rules).
  return text.replace(/^(?:\s*@\w{1,15}\b[,:]?)+/, '').trim();
}

/** Tweet text comes HTML-escaped (&amp; &lt; &gt;) even in v2 (https://docs.x.com/x-api/fundamentals/data-dictionary). */
function unescapeTweetText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function mimeFromUrl(url: string | undefined): string | undefined {
  const ext = url?.match(/\.(jpe?g|png|gif|webp)(?:[?:]|$)/i)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return ext === 'jpg' ? 'image/jpeg' : `image/${ext}`;
}

/** Photos carry `url`; videos and GIFs only a preview image. Without either the media_key is the handle. */
function mediaAttachment(key: string, media: MediaObjectV2 | undefined): IncomingAttachment {
  const url = media?.url ?? media?.preview_image_url;
  const mimeType = mimeFromUrl(url);
  return { kind: 'photo', platformFileId: url ?? key, ...(mimeType ? { mimeType } : {}) };
}

function attachmentsOf(keys: string[] | undefined, includes: ApiV2Includes | undefined) {
  const media = (keys ?? []).map((key) => includes?.media?.find((m) => m.media_key === key));
  const attachments = (keys ?? []).map((key, i) => mediaAttachment(key, media[i]));
  return { attachments, media: media.filter((m): m is MediaObjectV2 => m !== undefined) };
}

function senderOf(id: string, includes: ApiV2Includes | undefined): IncomingMessage['sender'] {
  const user = includes?.users?.find((u) => u.id === id);
  const displayName = user?.name || (user?.username ? `@${user.username}` : undefined);
  return displayName ? { externalId: id, displayName } : { externalId: id };
}

function receivedAt(createdAt: string | undefined, id: string): Date {
  const parsed = createdAt ? new Date(createdAt) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  return snowflakeTime(id) ?? new Date(0);
}

/**
 * Normalises a tweet from the mention timeline. Returns null for the city's own tweets (loop guard), for
 * retweets (the retweeter did not write it) and for tweets without an author (expansion not requested).
 * Replies go back into the thread: `x:tweet:<id>`; `public` tells intake not to answer chatter in public.
 */
export function parseMention(
  tweet: TweetV2,
  includes: ApiV2Includes | undefined,
  selfId: string,
): IncomingMessage | null {
  const authorId = tweet.author_id;
  if (!authorId || authorId === selfId) return null;
  if (tweet.referenced_tweets?.some((r) => r.type === 'retweeted')) return null;

  const { attachments, media } = attachmentsOf(tweet.attachments?.media_keys, includes);
  const place = tweet.geo?.place_id ? includes?.places?.find((p) => p.id === tweet.geo?.place_id) : undefined;
  // GeoJSON order: [longitude, latitude]. Only precise tweets have coordinates; most carry just a place.
  const point = tweet.geo?.coordinates?.coordinates;
  const location = point ? { latitude: point[1], longitude: point[0] } : undefined;
  const body = unescapeTweetText(stripLeadingHandles(tweet.text));
  // A place is a named area (usually a whole city): useful to an officer, too coarse for coordinates.
  const text = place ? [body, `(Lokasi di X: ${place.full_name})`].filter(Boolean).join('\n') : body;
  const kind = attachments.length > 0 ? 'photo' : location && body === '' ? 'location' : 'text';
  const author = includes?.users?.find((u) => u.id === authorId);

  // An edited tweet is a new tweet id whose edit history starts with the original (X keeps edits 30 minutes).
  // https://docs.x.com/x-api/fundamentals/edit-tweets
  const history = tweet.edit_history_tweet_ids ?? [];
  const original = history.length > 1 && history[0] !== tweet.id ? history[0] : undefined;
  return {
    channel: 'x',
    // Tweet and DM event ids are separate id spaces: prefix them so the dedupe key cannot collide.
    externalId: `tweet:${tweet.id}`,
    platformMessageId: `tweet:${tweet.id}`,
    ...(original ? { event: { type: 'edit' as const, target: `tweet:${original}` } } : {}),
    sender: senderOf(authorId, includes),
    replyAddress: formatAddress('x', `tweet:${tweet.id}`),
    kind: original ? 'edit' : kind,
    text,
    attachments,
    ...(location ? { location } : {}),
    public: true,
    receivedAt: receivedAt(tweet.created_at, tweet.id),
    raw: { tweet, includes: { users: author ? [author] : [], media, places: place ? [place] : [] } },
  };
}

/**
 * Normalises a DM event. Returns null for anything but a new message (joins, leaves) and for the city's own
 * DMs, which GET /2/dm_events lists beside the citizens'. A private message is answered privately: `x:dm:<userId>`.
 */
export function parseDmEvent(
  event: DMEventV2,
  includes: ApiV2Includes | undefined,
  selfId: string,
): IncomingMessage | null {
  if (event.event_type !== 'MessageCreate') return null;
  const senderId = event.sender_id;
  if (!senderId || senderId === selfId) return null;

  const { attachments, media } = attachmentsOf(event.attachments?.media_keys, includes);
  const sender = includes?.users?.find((u) => u.id === senderId);
  // A one-to-one conversation id is "<userId>-<userId>"; anything else is a group DM: recorded, not answered.
  const conversationId = event.dm_conversation_id;
  const group = conversationId !== undefined && !/^\d+-\d+$/.test(conversationId);
  return {
    channel: 'x',
    externalId: `dm:${event.id}`,
    platformMessageId: `dm:${event.id}`,
    ...(group ? { conversation: { type: 'group' as const, id: conversationId, addressed: false } } : {}),
    sender: senderOf(senderId, includes),
    replyAddress: formatAddress('x', `dm:${senderId}`),
    kind: attachments.length > 0 ? 'photo' : 'text',
    text: event.text.trim(),
    attachments,
    receivedAt: receivedAt(event.created_at, event.id),
    raw: { event, includes: { users: sender ? [sender] : [], media } },
  };
}
