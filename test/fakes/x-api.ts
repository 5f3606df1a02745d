/**
 * A local fake of the X API v2 (https://docs.x.com/x-api) for end-to-end tests that drive a real twitter-api-v2
 * client: `new TwitterApi(token, xClientOptionsFor(fake.url))`. Serves users/me, the mention timeline, DM events,
 * posting tweets and DMs, and the OAuth2 refresh grant; checks bearer tokens and per-endpoint rate limits.
 * Field and expansion rules live in x-data.ts, rate-limit windows in x-rate-limit.ts.
 */
import http from 'node:http';
import type { ITwitterApiClientPlugin, UserV2 } from 'twitter-api-v2';
import { asString, FaultQueue, type Fields, isFields, Notifier, requestBody, sendJson, serve } from './http-util.js';
import { type NewDm, type NewMention, snowflakeIds, XTimeline } from './x-data.js';
import { invalidRequest, oauthError, problem, type Reply } from './x-errors.js';
import { RateLimiter, type RateLimitState } from './x-rate-limit.js';

import type { RawDmEvent, RawIncludes, RawTweet } from './x-raw.js';

export type { NewDm, NewMention } from './x-data.js';
export type { RateLimitState } from './x-rate-limit.js';
export type { RawDmEvent, RawIncludes, RawTweet } from './x-raw.js';

/** Access token the fake accepts from the start (one user-context OAuth2 token stands in for every kind). */
export const X_DEFAULT_ACCESS_TOKEN = 'x-fake-access-token';
/** Refresh token POST /2/oauth2/token accepts once: X rotates refresh tokens on every use. */
export const X_DEFAULT_REFRESH_TOKEN = 'x-fake-refresh-token';

/** One request as the fake received it. `endpoint` is the rate-limit key, e.g. "GET /2/users/:id/mentions". */
export interface XRequest {
  endpoint: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: Fields;
  token?: string;
  status: number;
}

/** A POST /2/tweets the bot made. */
export interface PostedTweet {
  id: string;
  text: string;
  in_reply_to_tweet_id?: string;
  body: Fields;
}

/** A POST /2/dm_conversations/with/:participant_id/messages the bot made. */
export interface SentDm {
  participant_id: string;
  dm_conversation_id: string;
  dm_event_id: string;
  text: string;
  body: Fields;
}

/** A successful refresh_token grant: the refresh token spent and the pair issued. */
export interface TokenRefresh {
  usedRefreshToken: string;
  accessToken: string;
  refreshToken: string;
}

/** A scripted failure for FakeX.failNext(): X's problem-details body with this status. */
export interface XFault {
  status: number;
  title?: string;
  detail?: string;
}

/** Handle returned by startFakeX(). */
export interface FakeX {
  readonly url: string;
  /** The authenticated account (GET /2/users/me); mentions are addressed to it. */
  readonly me: UserV2;
  readonly tweets: PostedTweet[];
  readonly dms: SentDm[];
  readonly requests: XRequest[];
  readonly tokenRefreshes: TokenRefresh[];
  /** Adds a tweet mentioning `me`; returns its id (snowflake-like, increasing). */
  addMention(mention: NewMention): string;
  /** Adds an incoming DM event (sender → me); returns its id. */
  addDm(dm: NewDm): string;
  /** Adds a corpus tweet (X's own JSON shape) under a fresh id; references to earlier corpus ids follow. */
  addRawTweet(tweet: RawTweet, includes?: RawIncludes): string;
  /** Adds a corpus DM event of any event_type under a fresh id. */
  addRawDmEvent(event: RawDmEvent, includes?: RawIncludes): string;
  /** From now on requests with this token get 401, so token refresh can be exercised. */
  expireToken(token: string): void;
  /** Sets one endpoint's window (key as in XRequest.endpoint); remaining: 0 makes the next call a 429. */
  setRateLimit(endpointKey: string, state: RateLimitState): void;
  /**
   * Fails the next `times` authorised requests to an endpoint (key as in XRequest.endpoint) with `fault`,
   * without spending its window: 5xx outages, 403 refusals. A 429 fault also reports remaining 0.
   */
  failNext(endpointKey: string, fault: XFault, times?: number): void;
  /** Resolves with probe()'s first truthy value, re-checked after every request; rejects after timeoutMs. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** twitter-api-v2 options that send every request (api.x.com, api.twitter.com, upload.x.com) to the fake. */
export function xClientOptionsFor(url: string): { httpAgent: http.Agent; plugins: ITwitterApiClientPlugin[] } {
  const rewrite = (target: string) => target.replace(/^https:\/\/(api|upload)\.(x|twitter)\.com/, url);
  const redirect: ITwitterApiClientPlugin = {
    onBeforeRequestConfig({ params }) {
      params.url = rewrite(params.url);
    },
    onBeforeStreamRequestConfig({ params }) {
      params.url = rewrite(params.url);
    },
  };
  // The library always calls https.request; passing an http.Agent makes it speak plain HTTP to the fake.
  return { httpAgent: new http.Agent(), plugins: [redirect] };
}

interface Route {
  key: string;
  pattern: RegExp;
  auth: boolean;
  handle(params: string[], query: URLSearchParams, body: Fields): Reply;
}

/** Starts the fake X API on an ephemeral port. `defaultLimit` is each endpoint's requests per 15 minutes. */
export async function startFakeX(opts: { me?: UserV2; defaultLimit?: number } = {}): Promise<FakeX> {
  const me: UserV2 = opts.me ?? { id: '1700000000000000001', name: 'Kanal Aduan Kota', username: 'kanaladuan' };
  const nextId = snowflakeIds();
  const timeline = new XTimeline(me, nextId);
  const limiter = new RateLimiter(opts.defaultLimit ?? 75);
  const changed = new Notifier();
  const acceptedTokens = new Set([X_DEFAULT_ACCESS_TOKEN]);
  const refreshTokens = new Set([X_DEFAULT_REFRESH_TOKEN]);
  const tweets: PostedTweet[] = [];
  const dms: SentDm[] = [];
  const requests: XRequest[] = [];
  const tokenRefreshes: TokenRefresh[] = [];
  const faults = new FaultQueue<XFault>();

  function postTweet(_params: string[], _query: URLSearchParams, body: Fields): Reply {
    const text = asString(body.text) ?? '';
    if (text.trim() === '' && body.media === undefined) return invalidRequest('Text or media is required.');
    const replyTo = isFields(body.reply) ? asString(body.reply.in_reply_to_tweet_id) : undefined;
    const id = nextId();
    tweets.push(replyTo === undefined ? { id, text, body } : { id, text, in_reply_to_tweet_id: replyTo, body });
    return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
  }

  function sendDm([participantId = '']: string[], _query: URLSearchParams, body: Fields): Reply {
    const text = asString(body.text) ?? '';
    if (text === '' && body.attachments === undefined) return invalidRequest('Either text or attachments is required.');
    const ids = timeline.addOwnDm(participantId, text);
    dms.push({ participant_id: participantId, ...ids, text, body });
    return { status: 201, body: { data: ids } };
  }

  /** refresh_token grant (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token). */
  function tokenGrant(_params: string[], _query: URLSearchParams, body: Fields): Reply {
    if (body.grant_type !== 'refresh_token')
      return oauthError('unsupported_grant_type', 'Only refresh_token is faked.');
    const used = asString(body.refresh_token) ?? '';
    if (!refreshTokens.delete(used)) return oauthError('invalid_request', 'Value passed for the token was invalid.');
    const n = tokenRefreshes.length + 1;
    const issued = { accessToken: `x-fake-access-token-${n}`, refreshToken: `x-fake-refresh-token-${n}` };
    acceptedTokens.add(issued.accessToken);
    refreshTokens.add(issued.refreshToken);
    tokenRefreshes.push({ usedRefreshToken: used, ...issued });
    const scope = 'tweet.read tweet.write users.read dm.read dm.write offline.access';
    const result = { token_type: 'bearer', expires_in: 7200, access_token: issued.accessToken, scope };
    return { status: 200, body: { ...result, refresh_token: issued.refreshToken } };
  }

  const routes: Route[] = [
    {
      key: 'GET /2/users/me',
      pattern: /^\/2\/users\/me$/,
      auth: true,
      handle: () => ({ status: 200, body: { data: me } }),
    },
    {
      key: 'GET /2/users/:id/mentions',
      pattern: /^\/2\/users\/(\d+)\/mentions$/,
      auth: true,
      handle: ([userId = ''], query) => {
        const badId = ['since_id', 'until_id'].find((name) => !/^\d+$/.test(query.get(name) ?? '0'));
        if (badId) return invalidRequest(`The \`${badId}\` query parameter value [${query.get(badId)}] is not valid`);
        return { status: 200, body: timeline.mentionsPage(userId, query) };
      },
    },
    {
      key: 'GET /2/dm_events',
      pattern: /^\/2\/dm_events$/,
      auth: true,
      handle: (_params, query) => ({ status: 200, body: timeline.dmEventsPage(query) }),
    },
    { key: 'POST /2/tweets', pattern: /^\/2\/tweets$/, auth: true, handle: postTweet },
    {
      key: 'POST /2/dm_conversations/with/:participant_id/messages',
      pattern: /^\/2\/dm_conversations\/with\/(\d+)\/messages$/,
      auth: true,
      handle: sendDm,
    },
    // The library's OAuth2 helpers post here without a bearer token (client id / Basic auth instead).
    { key: 'POST /2/oauth2/token', pattern: /^\/2\/oauth2\/token$/, auth: false, handle: tokenGrant },
  ];

  /** Auth first (401 does not spend the window), then the rate limit, then the handler. */
  function dispatch(route: Route | undefined, token: string | undefined, url: URL, body: Fields) {
    if (!route) return { reply: problem(404, 'Not Found Error', 'The requested resource could not be found.') };
    if (route.auth && (token === undefined || !acceptedTokens.has(token))) {
      return { reply: problem(401, 'Unauthorized'), headers: limiter.headers(route.key) };
    }
    const fault = faults.take(route.key);
    if (fault) {
      const headers = limiter.headers(route.key);
      const title = fault.title ?? http.STATUS_CODES[fault.status] ?? 'Error';
      const reply = problem(fault.status, title, fault.detail);
      return { reply, headers: fault.status === 429 ? { ...headers, 'x-rate-limit-remaining': '0' } : headers };
    }
    const allowed = limiter.consume(route.key);
    const params = route.pattern.exec(url.pathname)?.slice(1) ?? [];
    const reply = allowed ? route.handle(params, url.searchParams, body) : problem(429, 'Too Many Requests');
    return { reply, headers: limiter.headers(route.key) };
  }

  const served = await serve(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    // twitter-api-v2 sends the oauth2/token body as JSON or form depending on version: accept both.
    const body = await requestBody(req);
    const route = routes.find((r) => r.key.startsWith(`${method} `) && r.pattern.test(url.pathname));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const { reply, headers } = dispatch(route, token, url, body);
    const endpoint = route?.key ?? `${method} ${url.pathname}`;
    const query = Object.fromEntries(url.searchParams);
    requests.push({
      endpoint,
      method,
      path: url.pathname,
      query,
      body,
      ...(token ? { token } : {}),
      status: reply.status,
    });
    sendJson(res, reply.status, reply.body, headers);
    changed.notify();
  });
  const url = served.url;

  return {
    url,
    me,
    tweets,
    dms,
    requests,
    tokenRefreshes,
    addMention: (mention) => timeline.addMention(mention),
    addDm: (dm) => timeline.addDm(dm),
    addRawTweet: (tweet, includes) => timeline.addRawTweet(tweet, includes),
    addRawDmEvent: (event, includes) => timeline.addRawDmEvent(event, includes),
    expireToken: (token) => void acceptedTokens.delete(token),
    setRateLimit: (endpointKey, state) => limiter.set(endpointKey, state),
    failNext: (endpointKey, fault, times = 1) => faults.add(endpointKey, fault, times),
    waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
      const seen = () => requests.map((r) => `${r.endpoint} → ${r.status}`).join(', ') || 'none';
      return changed.until(
        () => probe() || undefined,
        timeoutMs,
        () => `Requests so far: ${seen()}`,
      );
    },
    close: served.close,
  };
}
