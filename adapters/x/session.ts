// The authenticated X client. Holds the current OAuth2 user token (from config, or the refreshed pair in the
// StateStore), refreshes it once on a 401 and persists the new pair at once, because X rotates the refresh
// token on every use: a pair that is not saved is lost at the next restart. Every call passes the
// rate-limit guard first. https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/user-access-token
import { createHash } from 'node:crypto';
import http from 'node:http';
import { type IClientSettings, type ITwitterApiClientPlugin, TwitterApi, type TwitterApiv2 } from 'twitter-api-v2';
import { ChannelSendError } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import type { Logger } from '../../src/logger.js';
import { describeXError, isUnauthorized, mapXError } from './errors.js';
import type { RateLimitGuard } from './rate-limit.js';
import { X_DEFAULTS, X_STATE_KEYS, type XAdapterConfig, type XTokenPair } from './types.js';

/** Runs X API calls with the current token, the rate-limit guard and one refresh on 401. */
export interface XSession {
  /** Calls `fn` unless `endpoint`'s window is spent (then throws rate_limited without calling X). */
  call<T>(endpoint: string, fn: (api: TwitterApiv2) => Promise<T>): Promise<T>;
}

interface StoredTokens extends XTokenPair {
  /** Fingerprint of the configured refresh token this pair descends from. */
  seed: string;
}

function isStoredTokens(value: unknown): value is StoredTokens {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.accessToken === 'string' && typeof v.refreshToken === 'string' && typeof v.seed === 'string';
}

/** twitter-api-v2 settings that send every host (api, upload, oauth2/token) to `apiBaseUrl`. */
export function xClientSettings(apiBaseUrl: string, extra: ITwitterApiClientPlugin[] = []): Partial<IClientSettings> {
  const base = apiBaseUrl.replace(/\/+$/, '');
  const plugins = [...extra];
  if (base !== X_DEFAULTS.apiBaseUrl) {
    const rewrite = (url: string) => url.replace(/^https:\/\/(api|upload)\.(x|twitter)\.com/, base);
    plugins.unshift({
      onBeforeRequestConfig({ params }) {
        params.url = rewrite(params.url);
      },
    });
  }
  // The library always calls https.request; an http.Agent makes it speak plain HTTP (a local fake server).
  return base.startsWith('http:') ? { plugins, httpAgent: new http.Agent() } : { plugins };
}

/** What the session's steps share: the settings, and the token pair and client in use. */
interface SessionState {
  config: XAdapterConfig;
  state: StateStore;
  logger: Logger;
  guard: RateLimitGuard;
  now: () => number;
  settings: Partial<IClientSettings>;
  seed: string;
  tokens: XTokenPair | null;
  client: { accessToken: string; api: TwitterApiv2 } | null;
  refreshing: Promise<void> | null;
  rejectedRefreshToken: string | null;
}

/** Creates the session; nothing is read or sent until the first call. */
export function createXSession(opts: {
  config: XAdapterConfig;
  state: StateStore;
  logger: Logger;
  guard: RateLimitGuard;
  now: () => number;
}): XSession {
  const { config, guard } = opts;
  const s: SessionState = {
    ...opts,
    settings: xClientSettings(config.apiBaseUrl ?? X_DEFAULTS.apiBaseUrl, [guard.plugin]),
    // When the operator re-authorises and configures a new pair, it must win over the stored (older) one.
    seed: createHash('sha256').update(config.refreshToken).digest('hex').slice(0, 16),
    tokens: null,
    client: null,
    refreshing: null,
    rejectedRefreshToken: null,
  };
  return {
    call<T>(endpoint: string, fn: (api: TwitterApiv2) => Promise<T>): Promise<T> {
      return call(s, endpoint, fn);
    },
  };
}

async function call<T>(s: SessionState, endpoint: string, fn: (api: TwitterApiv2) => Promise<T>): Promise<T> {
  const wait = s.guard.waitMs(endpoint);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new ChannelSendError(`X rate limit for ${endpoint}: window resets in ${seconds} s`, 'rate_limited', wait);
  }
  const used = await current(s);
  try {
    return await fn(apiFor(s, used));
  } catch (err) {
    if (!isUnauthorized(err)) throw err;
    await refresh(s, used.accessToken);
    // Once: a second 401 with a fresh token is not an expiry, and the caller maps it as permanent.
    return await fn(apiFor(s, await current(s)));
  }
}

async function readStored(s: SessionState): Promise<XTokenPair | null> {
  const raw = await s.state.get(X_STATE_KEYS.tokens);
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  if (!isStoredTokens(parsed)) {
    s.logger.warn({ key: X_STATE_KEYS.tokens }, 'stored x tokens are unreadable; using the configured pair');
    return null;
  }
  if (parsed.seed !== s.seed) return null;
  return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
}

async function current(s: SessionState): Promise<XTokenPair> {
  s.tokens ??= (await readStored(s)) ?? { accessToken: s.config.accessToken, refreshToken: s.config.refreshToken };
  return s.tokens;
}

function apiFor(s: SessionState, pair: XTokenPair): TwitterApiv2 {
  if (s.client?.accessToken !== pair.accessToken) {
    s.client = { accessToken: pair.accessToken, api: new TwitterApi(pair.accessToken, s.settings).v2 };
  }
  return s.client.api;
}

/** One refresh per expired token, shared by every caller that saw the same 401. */
async function refresh(s: SessionState, expiredAccessToken: string): Promise<void> {
  if ((await current(s)).accessToken !== expiredAccessToken) return;
  s.refreshing ??= refreshNow(s).finally(() => {
    s.refreshing = null;
  });
  await s.refreshing;
}

async function refreshNow(s: SessionState): Promise<void> {
  const { logger } = s;
  // Another instance may have refreshed first; only one refresh of a pair can win, so adopt its result.
  const stored = await readStored(s);
  const mine = await current(s);
  if (stored && stored.accessToken !== mine.accessToken) {
    s.tokens = stored;
    logger.info({}, 'x access token was refreshed elsewhere; using the stored pair');
    return;
  }
  if (mine.refreshToken === s.rejectedRefreshToken) {
    throw new ChannelSendError(
      'X refresh token was rejected before; re-authorise the account',
      'permanent',
      undefined,
      401,
    );
  }
  let refreshed: { accessToken: string; refreshToken?: string };
  try {
    const app = new TwitterApi({ clientId: s.config.clientId, clientSecret: s.config.clientSecret }, s.settings);
    refreshed = await app.refreshOAuth2Token(mine.refreshToken);
  } catch (err) {
    const mapped = mapXError(err, s.now());
    // A rejected refresh token stays rejected; a network error or 5xx on the token endpoint may pass.
    if (mapped.kind === 'permanent') s.rejectedRefreshToken = mine.refreshToken;
    logger.error({ error: describeXError(err), kind: mapped.kind }, 'x token refresh failed');
    throw new ChannelSendError(`X token refresh failed: ${mapped.message}`, mapped.kind, mapped.retryAfterMs, 401);
  }
  s.tokens = { accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken ?? mine.refreshToken };
  try {
    await s.state.set(X_STATE_KEYS.tokens, JSON.stringify({ ...s.tokens, seed: s.seed } satisfies StoredTokens));
    logger.info({}, 'x access token refreshed and stored');
  } catch (err) {
    // Still usable in memory, but the old refresh token is spent: a restart would need re-authorisation.
    logger.error({ err }, 'refreshed x tokens could not be stored');
  }
}
