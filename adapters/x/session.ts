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

/** Creates the session; nothing is read or sent until the first call. */
export function createXSession(opts: {
  config: XAdapterConfig;
  state: StateStore;
  logger: Logger;
  guard: RateLimitGuard;
  now: () => number;
}): XSession {
  const { config, state, logger, guard, now } = opts;
  const settings = xClientSettings(config.apiBaseUrl ?? X_DEFAULTS.apiBaseUrl, [guard.plugin]);
  // When the operator re-authorises and configures a new pair, it must win over the stored (older) one.
  const seed = createHash('sha256').update(config.refreshToken).digest('hex').slice(0, 16);
  let tokens: XTokenPair | null = null;
  let client: { accessToken: string; api: TwitterApiv2 } | null = null;
  let refreshing: Promise<void> | null = null;
  let rejectedRefreshToken: string | null = null;

  async function readStored(): Promise<XTokenPair | null> {
    const raw = await state.get(X_STATE_KEYS.tokens);
    if (!raw) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    if (!isStoredTokens(parsed)) {
      logger.warn({ key: X_STATE_KEYS.tokens }, 'stored x tokens are unreadable; using the configured pair');
      return null;
    }
    if (parsed.seed !== seed) return null;
    return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
  }

  async function current(): Promise<XTokenPair> {
    tokens ??= (await readStored()) ?? { accessToken: config.accessToken, refreshToken: config.refreshToken };
    return tokens;
  }

  function apiFor(pair: XTokenPair): TwitterApiv2 {
    if (client?.accessToken !== pair.accessToken) {
      client = { accessToken: pair.accessToken, api: new TwitterApi(pair.accessToken, settings).v2 };
    }
    return client.api;
  }

  async function refreshNow(): Promise<void> {
    // Another instance may have refreshed first; only one refresh of a pair can win, so adopt its result.
    const stored = await readStored();
    const mine = await current();
    if (stored && stored.accessToken !== mine.accessToken) {
      tokens = stored;
      logger.info({}, 'x access token was refreshed elsewhere; using the stored pair');
      return;
    }
    if (mine.refreshToken === rejectedRefreshToken) {
      throw new ChannelSendError(
        'X refresh token was rejected before; re-authorise the account',
        'permanent',
        undefined,
        401,
      );
    }
    let refreshed: { accessToken: string; refreshToken?: string };
    try {
      const app = new TwitterApi({ clientId: config.clientId, clientSecret: config.clientSecret }, settings);
      refreshed = await app.refreshOAuth2Token(mine.refreshToken);
    } catch (err) {
      const mapped = mapXError(err, now());
      // A rejected refresh token stays rejected; a network error or 5xx on the token endpoint may pass.
      if (mapped.kind === 'permanent') rejectedRefreshToken = mine.refreshToken;
      logger.error({ error: describeXError(err), kind: mapped.kind }, 'x token refresh failed');
      throw new ChannelSendError(`X token refresh failed: ${mapped.message}`, mapped.kind, mapped.retryAfterMs, 401);
    }
    tokens = { accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken ?? mine.refreshToken };
    try {
      await state.set(X_STATE_KEYS.tokens, JSON.stringify({ ...tokens, seed } satisfies StoredTokens));
      logger.info({}, 'x access token refreshed and stored');
    } catch (err) {
      // Still usable in memory, but the old refresh token is spent: a restart would need re-authorisation.
      logger.error({ err }, 'refreshed x tokens could not be stored');
    }
  }

  /** One refresh per expired token, shared by every caller that saw the same 401. */
  async function refresh(expiredAccessToken: string): Promise<void> {
    if ((await current()).accessToken !== expiredAccessToken) return;
    refreshing ??= refreshNow().finally(() => {
      refreshing = null;
    });
    await refreshing;
  }

  return {
    async call<T>(endpoint: string, fn: (api: TwitterApiv2) => Promise<T>): Promise<T> {
      const wait = guard.waitMs(endpoint);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new ChannelSendError(`X rate limit for ${endpoint}: window resets in ${seconds} s`, 'rate_limited', wait);
      }
      const used = await current();
      try {
        return await fn(apiFor(used));
      } catch (err) {
        if (!isUnauthorized(err)) throw err;
        await refresh(used.accessToken);
        // Once: a second 401 with a fresh token is not an expiry, and the caller maps it as permanent.
        return await fn(apiFor(await current()));
      }
    },
  };
}
