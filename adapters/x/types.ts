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

/** Settings for the X adapter, resolved by src/config. */
export interface XAdapterConfig {
  /** OAuth2 client id and secret of the X app (developer portal, "Keys and tokens"). */
  clientId: string;
  clientSecret: string;
  /**
   * The first token pair from the city account's authorisation. Once the adapter has refreshed it, the pair
   * in the StateStore wins, until the operator puts a different refresh token here (a re-authorisation).
   */
  accessToken: string;
  refreshToken: string;
  /** API origin; https://api.x.com by default, a local fake in tests. */
  apiBaseUrl?: string;
  /** Pause between polls of each endpoint. Default 60 s: X's free and basic tiers allow few reads. */
  pollIntervalMs?: number;
  /** Read direct messages too (needs the dm.read scope and a tier that includes DM endpoints). Default true. */
  pollDms?: boolean;
  /** With no cursor yet (first start), only mentions and DMs this recent are taken in. Default 24 h. */
  initialLookbackMs?: number;
}

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
