/**
 * Corpus payloads (tweets and DM events written from X's documentation) replayed through the fake X API. Each
 * gets a fresh snowflake id, because the adapter's cursors move by id and the bot's own sends take time-based
 * ids; every reference to an earlier corpus id (edit history, replied_to/quoted, conversation) is rewritten.
 */
import type { MediaObjectV2, PlaceV2, UserV2 } from 'twitter-api-v2';

/** A tweet object as X API v2 returns it (https://docs.x.com/x-api/fundamentals/data-dictionary). */
export interface RawTweet {
  id: string;
  text: string;
  author_id?: string;
  conversation_id?: string;
  edit_history_tweet_ids?: string[];
  referenced_tweets?: { type: string; id: string }[];
  [field: string]: unknown;
}

/** A DM event as GET /2/dm_events returns it (https://docs.x.com/x-api/direct-messages/get-dm-events). */
export interface RawDmEvent {
  id: string;
  event_type: string;
  [field: string]: unknown;
}

/** The `includes` a corpus payload carries: they join the fake's users, media and places. */
export interface RawIncludes {
  users?: UserV2[];
  media?: MediaObjectV2[];
  places?: PlaceV2[];
}

/** Gives `tweet` a fresh id (remembered in `ids`) and points its references at the fresh ids of earlier ones. */
export function remapTweet(tweet: RawTweet, nextId: () => string, ids: Map<string, string>): RawTweet {
  const id = nextId();
  ids.set(tweet.id, id);
  const map = (old: string) => ids.get(old) ?? old;
  return {
    ...tweet,
    id,
    created_at: new Date().toISOString(),
    edit_history_tweet_ids: (tweet.edit_history_tweet_ids ?? [tweet.id]).map(map),
    conversation_id: map(tweet.conversation_id ?? tweet.id),
    ...(tweet.referenced_tweets
      ? { referenced_tweets: tweet.referenced_tweets.map((r) => ({ ...r, id: map(r.id) })) }
      : {}),
  };
}

/** Gives a DM event a fresh id; its conversation id and sender stay as written. */
export function remapDmEvent(event: RawDmEvent, nextId: () => string): RawDmEvent {
  return { ...event, id: nextId(), created_at: new Date().toISOString() };
}
