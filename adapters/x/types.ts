// Raw X API v2 payload types and the adapter's settings. Tweet, DM event and include objects are
// twitter-api-v2's own types; the page envelopes are redeclared because X omits `data` and most of `meta`
// when a page is empty, which the library's types do not say.
// https://docs.x.com/x-api/fundamentals/data-dictionary
import type { ApiV2Includes, MediaObjectV2, PlaceV2, TweetV2, TwitterApiv2, UserV2 } from 'twitter-api-v2';

/** The tweet, user, media, place and includes objects exactly as twitter-api-v2 types them. */
export type { ApiV2Includes, MediaObjectV2, PlaceV2, TweetV2, UserV2 };

/** Query parameters of GET /2/dm_events (the library does not export its DM types from the package root). */
export type GetDmEventsParams = NonNullable<Parameters<TwitterApiv2['listDmEvents']>[0]>;
/** One DM event: MessageCreate (with text), ParticipantsJoin or ParticipantsLeave. */
export type DMEventV2 = Awaited<ReturnType<TwitterApiv2['listDmEvents']>>['events'][number];

/** One page of GET /2/users/:id/mentions, newest first. */
export interface XMentionsPage {
  data?: TweetV2[];
  includes?: ApiV2Includes;
  meta?: { newest_id?: string; oldest_id?: string; result_count?: number; next_token?: string };
}

/** One page of GET /2/dm_events, newest first (no since_id on this endpoint). */
export interface XDmEventsPage {
  data?: DMEventV2[];
  includes?: ApiV2Includes;
  meta?: { result_count?: number; next_token?: string };
}

/** An OAuth2 user-context token pair; X rotates the refresh token on every refresh. */
export interface XTokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Resolved by src/config, which owns the shape so that it never imports an adapter. */
export type { XAdapterConfig } from '../../src/config/channel-settings.js';

/** Defaults for the optional settings. */
export const X_DEFAULTS = {
  apiBaseUrl: 'https://api.x.com',
  pollIntervalMs: 60_000,
  pollDms: true,
  initialLookbackMs: 24 * 60 * 60_000,
} as const;

/** StateStore keys the adapter owns (the store is namespaced, e.g. "x:"); exported for tests and operators. */
export const X_STATE_KEYS = {
  /** meta.newest_id of the last mention page fully handed to the sink: the next poll's since_id. */
  mentionsSinceId: 'mentions:since_id',
  /** Id of the newest DM event handed to the sink (DM event ids are time-ordered snowflakes). */
  dmsNewestId: 'dm_events:newest_id',
  /** JSON {accessToken, refreshToken, seed}: the current OAuth2 pair after a refresh. */
  tokens: 'oauth2:tokens',
} as const;
