/**
 * The fake X server's data: users, mention tweets (with media and places) and DM events, plus the read views
 * X API v2 serves over them. Like the real API (https://docs.x.com/x-api/fundamentals/fields) only default
 * fields come back unless asked: tweets carry id/text/edit_history_tweet_ids, and author_id/attachments/geo/
 * created_at/... need `tweet.fields` or the matching `expansions`; media `url` needs `media.fields=url`; DM
 * events carry id/event_type/text unless `dm_event.fields` (or `expansions=sender_id`) asks for more.
 * Pure: no HTTP here, so the rules are easy to read next to the docs.
 */
import type { MediaObjectV2, PlaceV2, UserV2 } from 'twitter-api-v2';
import type { Fields } from './http-util.js';
import { type RawDmEvent, type RawIncludes, type RawTweet, remapDmEvent, remapTweet } from './x-raw.js';

/** Test input for FakeX.addMention(). */
export interface NewMention {
  text: string;
  authorId: string;
  authorName: string;
  username: string;
  mediaUrls?: string[];
  place?: { fullName: string; country?: string; countryCode?: string };
  inReplyTo?: string;
}

/** Test input for FakeX.addDm(). */
export interface NewDm {
  text: string;
  senderId: string;
  senderName: string;
  username?: string;
}

/** A tweet with every field the fake knows; the views trim it to what the request asked for. */
interface StoredTweet {
  id: string;
  text: string;
  edit_history_tweet_ids: string[];
  author_id: string;
  conversation_id: string;
  created_at: string;
  lang: string;
  referenced_tweets?: { type: 'replied_to'; id: string }[];
  attachments?: { media_keys: string[] };
  geo?: { place_id: string };
}

interface StoredDmEvent {
  id: string;
  event_type: string;
  text?: string;
  sender_id?: string;
  dm_conversation_id: string;
  created_at: string;
  attachments?: { media_keys: string[] };
}

const TWITTER_EPOCH_MS = 1288834974657n;

/** Returns a generator of increasing, time-based snowflake-like ids (decimal strings; compare them as BigInt). */
export function snowflakeIds(): () => string {
  let last = 0n;
  return () => {
    const candidate = (BigInt(Date.now()) - TWITTER_EPOCH_MS) << 22n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}

/** Keeps the default fields plus the requested ones that the object actually has (X omits absent fields). */
export function selectFields(obj: object, defaults: readonly string[], requested: ReadonlySet<string>): Fields {
  const wanted = new Set([...defaults, ...requested]);
  return Object.fromEntries(Object.entries(obj).filter(([key, value]) => wanted.has(key) && value !== undefined));
}

const csv = (value: string | null): Set<string> => new Set((value ?? '').split(',').filter(Boolean));
const newestFirst = <T extends { id: string }>(a: T, b: T): number => (BigInt(b.id) > BigInt(a.id) ? 1 : -1);
const isoNow = (): string => new Date().toISOString();

/** What the fake X account can see: its mentions and its DM events, in both directions. */
export class XTimeline {
  private readonly users = new Map<string, UserV2>();
  private readonly mentions: StoredTweet[] = [];
  private readonly media = new Map<string, MediaObjectV2>();
  private readonly places = new Map<string, PlaceV2>();
  private readonly dmEvents: StoredDmEvent[] = [];
  /** Corpus id -> the fresh id it was replayed under. */
  private readonly rawIds = new Map<string, string>();

  constructor(
    readonly me: UserV2,
    private readonly nextId: () => string,
  ) {
    this.users.set(me.id, me);
  }

  /** One-to-one conversation ids are the two user ids, lower first ("<a>-<b>"), as on X. */
  conversationWith(userId: string): string {
    return [this.me.id, userId].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).join('-');
  }

  addMention(m: NewMention): string {
    const id = this.nextId();
    this.users.set(m.authorId, { id: m.authorId, name: m.authorName, username: m.username });
    const tweet: StoredTweet = {
      id,
      text: m.text,
      edit_history_tweet_ids: [id],
      author_id: m.authorId,
      conversation_id: m.inReplyTo ?? id,
      created_at: isoNow(),
      lang: 'in',
    };
    if (m.inReplyTo) tweet.referenced_tweets = [{ type: 'replied_to', id: m.inReplyTo }];
    if (m.mediaUrls?.length) {
      const mediaKeys = m.mediaUrls.map((url, i) => {
        const media_key = `3_${BigInt(id) + BigInt(i)}`;
        this.media.set(media_key, { media_key, type: 'photo', url, width: 1280, height: 960 });
        return media_key;
      });
      tweet.attachments = { media_keys: mediaKeys };
    }
    if (m.place) {
      const { fullName, country = 'Indonesia', countryCode = 'ID' } = m.place;
      const placeId = Buffer.from(fullName).toString('hex').padEnd(16, '0').slice(0, 16);
      const name = fullName.split(',')[0] ?? fullName;
      this.places.set(placeId, {
        id: placeId,
        full_name: fullName,
        name,
        place_type: 'city',
        country,
        country_code: countryCode,
      });
      tweet.geo = { place_id: placeId };
    }
    this.mentions.push(tweet);
    return id;
  }

  addDm(dm: NewDm): string {
    const id = this.nextId();
    this.users.set(dm.senderId, {
      id: dm.senderId,
      name: dm.senderName,
      username: dm.username ?? `user${dm.senderId}`,
    });
    const dm_conversation_id = this.conversationWith(dm.senderId);
    this.dmEvents.push({
      id,
      event_type: 'MessageCreate',
      text: dm.text,
      sender_id: dm.senderId,
      dm_conversation_id,
      created_at: isoNow(),
    });
    return id;
  }

  /** A corpus tweet as X would serve it, under a fresh id (see x-raw.ts); its includes join the stores. */
  addRawTweet(tweet: RawTweet, includes: RawIncludes = {}): string {
    const stored = remapTweet(tweet, this.nextId, this.rawIds);
    this.absorb(includes);
    // Written from X's data dictionary: the views below select its fields like any stored tweet's.
    this.mentions.push(stored as unknown as StoredTweet);
    return stored.id;
  }

  /** A corpus DM event (any event_type) under a fresh id; its includes join the stores. */
  addRawDmEvent(event: RawDmEvent, includes: RawIncludes = {}): string {
    const stored = remapDmEvent(event, this.nextId);
    this.absorb(includes);
    this.dmEvents.push(stored as unknown as StoredDmEvent);
    return stored.id;
  }

  private absorb(includes: RawIncludes): void {
    for (const user of includes.users ?? []) if (user.id !== this.me.id) this.users.set(user.id, user);
    for (const media of includes.media ?? []) this.media.set(media.media_key, media);
    for (const place of includes.places ?? []) this.places.set(place.id, place);
  }

  /** A DM the bot sent: it joins the timeline too, so GET /2/dm_events shows it with sender_id = me. */
  addOwnDm(participantId: string, text: string): { dm_conversation_id: string; dm_event_id: string } {
    const dm_event_id = this.nextId();
    const dm_conversation_id = this.conversationWith(participantId);
    this.dmEvents.push({
      id: dm_event_id,
      event_type: 'MessageCreate',
      text,
      sender_id: this.me.id,
      dm_conversation_id,
      created_at: isoNow(),
    });
    return { dm_conversation_id, dm_event_id };
  }

  /** GET /2/users/:id/mentions: since_id/until_id (BigInt compare), max_results, pagination_token, newest first. */
  mentionsPage(userId: string, query: URLSearchParams): Fields {
    const since = query.get('since_id');
    const until = query.get('until_id');
    const page = query.get('pagination_token') ?? query.get('next_token');
    const max = Math.min(Math.max(Number(query.get('max_results') ?? 10), 5), 100);
    const matching = (userId === this.me.id ? this.mentions : [])
      .filter((t) => since === null || BigInt(t.id) > BigInt(since))
      .filter((t) => until === null || BigInt(t.id) < BigInt(until))
      .filter((t) => page === null || BigInt(t.id) < BigInt(page.replace(/^pg_/, '')))
      .sort(newestFirst);
    const found = matching.slice(0, max);
    const body = this.tweetsBody(found, query);
    const last = found.at(-1);
    if (matching.length > max && last && body.meta) body.meta.next_token = `pg_${last.id}`;
    return body;
  }

  /** GET /2/dm_events: newest first; includes.users only with expansions=sender_id. */
  dmEventsPage(query: URLSearchParams): Fields {
    const expansions = csv(query.get('expansions'));
    const fields = csv(query.get('dm_event.fields'));
    if (expansions.has('sender_id')) fields.add('sender_id');
    // event_types filters by type (MessageCreate, ParticipantsJoin, ParticipantsLeave); absent means all.
    const types = csv(query.get('event_types'));
    const found = [...this.dmEvents]
      .filter((event) => types.size === 0 || types.has(event.event_type))
      .sort(newestFirst)
      .slice(0, Number(query.get('max_results') ?? 100));
    if (found.length === 0) return { meta: { result_count: 0 } };
    const data = found.map((event) => selectFields(event, ['id', 'event_type', 'text'], fields));
    const senders = [...new Set(found.map((event) => event.sender_id ?? ''))].flatMap((id) => this.users.get(id) ?? []);
    const keys = expansions.has('attachments.media_keys') ? found.flatMap((e) => e.attachments?.media_keys ?? []) : [];
    const media = keys.flatMap((key) => this.media.get(key) ?? []);
    const mediaFields = csv(query.get('media.fields'));
    const includes: Fields = {};
    if (expansions.has('sender_id')) includes.users = senders;
    if (media.length > 0) includes.media = media.map((m) => selectFields(m, ['media_key', 'type'], mediaFields));
    return {
      data,
      ...(Object.keys(includes).length > 0 ? { includes } : {}),
      meta: { result_count: found.length, newest_id: found[0]?.id, oldest_id: found.at(-1)?.id },
    };
  }

  /** A tweet page: requested fields, fields implied by expansions, and the includes those expansions ask for. */
  private tweetsBody(found: StoredTweet[], query: URLSearchParams): { meta?: Fields } & Fields {
    if (found.length === 0) return { meta: { result_count: 0 } };
    const expansions = csv(query.get('expansions'));
    const fields = csv(query.get('tweet.fields'));
    const includes: Fields = {};
    const include = <T extends object>(name: string, items: (T | undefined)[], defaults: string[], param: string) => {
      const present = [...new Set(items)].filter((item): item is T => item !== undefined);
      if (present.length > 0)
        includes[name] = present.map((item) => selectFields(item, defaults, csv(query.get(param))));
    };
    if (expansions.has('author_id')) {
      fields.add('author_id');
      include(
        'users',
        found.map((t) => this.users.get(t.author_id)),
        ['id', 'name', 'username'],
        'user.fields',
      );
    }
    if (expansions.has('attachments.media_keys')) {
      fields.add('attachments');
      const keys = found.flatMap((t) => t.attachments?.media_keys ?? []);
      include(
        'media',
        keys.map((key) => this.media.get(key)),
        ['media_key', 'type'],
        'media.fields',
      );
    }
    if (expansions.has('geo.place_id')) {
      fields.add('geo');
      include(
        'places',
        found.map((t) => this.places.get(t.geo?.place_id ?? '')),
        ['id', 'full_name'],
        'place.fields',
      );
    }
    const data = found.map((tweet) => selectFields(tweet, ['id', 'text', 'edit_history_tweet_ids'], fields));
    const meta = { newest_id: found[0]?.id, oldest_id: found.at(-1)?.id, result_count: found.length };
    return { data, ...(Object.keys(includes).length > 0 ? { includes } : {}), meta };
  }
}
