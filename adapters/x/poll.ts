// One poll of each inbound endpoint. Messages go to the sink oldest first, and the cursor moves only past
// messages the sink has stored, so a crash re-delivers rather than loses (intake dedupes on (channel,
// externalId), so a re-delivery is harmless).
import type { TweetV2PaginableTimelineParams } from 'twitter-api-v2';
import type { InboundSink, IncomingMessage } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import { compareIds, parseDmEvent, parseMention, snowflakeTime } from './parse.js';
import { X_ENDPOINTS } from './rate-limit.js';
import type { XSession } from './session.js';
import {
  type ApiV2Includes,
  type DMEventV2,
  type GetDmEventsParams,
  X_STATE_KEYS,
  type XDmEventsPage,
  type XMentionsPage,
} from './types.js';

/** What one poll needs; `selfId` is the city account's user id (GET /2/users/me). */
export interface PollContext {
  session: XSession;
  state: StateStore;
  sink: InboundSink;
  selfId: string;
  /** Epoch ms. */
  now: () => number;
  /** How far back the very first poll (no cursor yet) looks. */
  lookbackMs: number;
}

/** X's timelines reach back 800 items: 8 pages of 100. More pages could not return anything. */
const MAX_PAGES = 8;

/** https://docs.x.com/x-api/users/get-mentions: the fields parse.ts reads. */
const MENTION_PARAMS: Partial<TweetV2PaginableTimelineParams> = {
  max_results: 100,
  expansions: ['author_id', 'attachments.media_keys', 'geo.place_id'],
  'media.fields': ['url', 'type', 'preview_image_url'],
  'tweet.fields': [
    'created_at',
    'conversation_id',
    'author_id',
    'attachments',
    'geo',
    'referenced_tweets',
    'edit_history_tweet_ids',
  ],
};

/** https://docs.x.com/x-api/direct-messages/get-dm-events */
const DM_PARAMS: GetDmEventsParams = {
  max_results: 100,
  event_types: 'MessageCreate',
  'dm_event.fields': ['id', 'text', 'event_type', 'sender_id', 'dm_conversation_id', 'created_at', 'attachments'],
  expansions: ['sender_id', 'attachments.media_keys'],
  'media.fields': ['url', 'type', 'preview_image_url'],
};

/** X wants RFC 3339 without milliseconds ("2026-11-01T10:00:00Z"). */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function mergeIncludes(into: ApiV2Includes, page: ApiV2Includes | undefined): void {
  into.users = [...(into.users ?? []), ...(page?.users ?? [])];
  into.media = [...(into.media ?? []), ...(page?.media ?? [])];
  into.places = [...(into.places ?? []), ...(page?.places ?? [])];
}

/**
 * Hands items to the sink oldest first and persists the id of the last one handled (stored, or skipped as
 * the city's own). When the sink fails, the cursor still moves past what was stored, then the error rises.
 */
async function deliverInOrder<T extends { id: string }>(
  items: T[],
  parse: (item: T) => IncomingMessage | null,
  sink: InboundSink,
  persist: (id: string) => Promise<void>,
): Promise<number> {
  const ordered = [...items].sort((a, b) => compareIds(a.id, b.id));
  let handled: string | undefined;
  let delivered = 0;
  try {
    for (const item of ordered) {
      const message = parse(item);
      if (message) {
        await sink(message);
        delivered++;
      }
      handled = item.id;
    }
  } catch (err) {
    if (handled) await persist(handled);
    throw err;
  }
  // Once everything is handled, the last id is the page's meta.newest_id: the next poll's since_id.
  if (handled) await persist(handled);
  return delivered;
}

/** Fetches mentions newer than the since_id cursor (every page of them) and delivers them. */
export async function pollMentions(ctx: PollContext): Promise<number> {
  const since = (await ctx.state.get(X_STATE_KEYS.mentionsSinceId)) || undefined;
  const window = since ? { since_id: since } : { start_time: isoSeconds(ctx.now() - ctx.lookbackMs) };
  const tweets: NonNullable<XMentionsPage['data']> = [];
  const includes: ApiV2Includes = {};
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const params = { ...MENTION_PARAMS, ...window, ...(token ? { pagination_token: token } : {}) };
    // A new request per page rather than paginator.next(): the token may have been refreshed in between.
    const page: XMentionsPage = (
      await ctx.session.call(X_ENDPOINTS.mentions, (api) => api.userMentionTimeline(ctx.selfId, params))
    ).data;
    tweets.push(...(page.data ?? []));
    mergeIncludes(includes, page.includes);
    token = page.meta?.next_token;
    if (!token) break;
  }
  return deliverInOrder(
    tweets,
    (tweet) => parseMention(tweet, includes, ctx.selfId),
    ctx.sink,
    (id) => ctx.state.set(X_STATE_KEYS.mentionsSinceId, id),
  );
}

/**
 * Fetches DM events newer than the stored newest id. GET /2/dm_events has no since_id, so pages (newest
 * first) are read until one reaches an event already handled.
 */
export async function pollDms(ctx: PollContext): Promise<number> {
  const newest = (await ctx.state.get(X_STATE_KEYS.dmsNewestId)) || undefined;
  const floorMs = ctx.now() - ctx.lookbackMs;
  const isNew = (e: DMEventV2) =>
    newest ? compareIds(e.id, newest) > 0 : (snowflakeTime(e.id)?.getTime() ?? 0) >= floorMs;
  const events: DMEventV2[] = [];
  const includes: ApiV2Includes = {};
  let token: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const params = { ...DM_PARAMS, ...(token ? { pagination_token: token } : {}) };
    const page: XDmEventsPage = (await ctx.session.call(X_ENDPOINTS.dmEvents, (api) => api.listDmEvents(params))).data;
    const fresh = (page.data ?? []).filter(isNew);
    events.push(...fresh);
    mergeIncludes(includes, page.includes);
    token = page.meta?.next_token;
    if (!token || fresh.length < (page.data ?? []).length) break;
  }
  return deliverInOrder(
    events,
    (event) => parseDmEvent(event, includes, ctx.selfId),
    ctx.sink,
    (id) => ctx.state.set(X_STATE_KEYS.dmsNewestId, id),
  );
}
