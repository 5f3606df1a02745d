// X (Twitter) channel through twitter-api-v2, by polling: webhooks (Account Activity) need a paid or
// enterprise tier, so every pollIntervalMs the adapter reads new mentions (since_id) and DM events.
// Mentions are answered in their thread (x:tweet:<id>), DMs by DM (x:dm:<userId>).
import type { ChannelAdapter, InboundSink, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import type { Logger } from '../../src/logger.js';
import { describeXError, mapXError } from './errors.js';
import { type PollContext, pollDms, pollMentions } from './poll.js';
import { createRateLimitGuard, X_ENDPOINTS } from './rate-limit.js';
import { createXSession } from './session.js';
import { fitTweet } from './tweet-text.js';
import { X_DEFAULTS, type XAdapterConfig } from './types.js';

/** Config type and StateStore keys, for src/config and for tests that rewind a cursor. */
export { X_DEFAULTS, X_STATE_KEYS, type XAdapterConfig } from './types.js';

/** X accepts DMs up to 10,000 characters (https://docs.x.com/x-api/direct-messages/manage/introduction). */
const MAX_DM_CHARS = 10_000;
/** A failing endpoint is polled less and less often, but at least every 15 minutes (X's window length). */
const MAX_BACKOFF_MS = 15 * 60_000;

/** What the X adapter needs besides its config. */
export interface XAdapterDeps {
  logger: Logger;
  /** Persists the since_id / DM cursors and refreshed OAuth2 tokens (namespaced, e.g. "x:"). */
  state: StateStore;
  now?: () => Date;
}

/** The DM send result: X answers {data:{dm_event_id}}, but twitter-api-v2 1.29 types it without `data`. */
function dmEventIdOf(result: unknown): string | undefined {
  const body = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
  const inner = typeof body.data === 'object' && body.data !== null ? (body.data as Record<string, unknown>) : body;
  return typeof inner.dm_event_id === 'string' ? inner.dm_event_id : undefined;
}

/** Creates the X adapter. */
export function createXAdapter(config: XAdapterConfig, deps: XAdapterDeps): ChannelAdapter {
  const { logger, state } = deps;
  const now = () => (deps.now ? deps.now().getTime() : Date.now());
  const intervalMs = config.pollIntervalMs ?? X_DEFAULTS.pollIntervalMs;
  const guard = createRateLimitGuard(logger, now);
  const session = createXSession({ config, state, logger, guard, now });
  const endpoints = [
    { name: X_ENDPOINTS.mentions, poll: pollMentions },
    ...((config.pollDms ?? X_DEFAULTS.pollDms) ? [{ name: X_ENDPOINTS.dmEvents, poll: pollDms }] : []),
  ];
  const failures = new Map<string, { count: number; retryAt: number }>();
  let self: { id: string; username: string } | null = null;
  let sink: InboundSink | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inflight: Promise<void> | null = null;
  let running = false;

  async function identify(): Promise<{ id: string; username: string }> {
    if (!self) {
      const me = await session.call(X_ENDPOINTS.me, (api) => api.me());
      self = { id: me.data.id, username: me.data.username };
    }
    return self;
  }

  function noteFailure(endpoint: string, err: unknown): void {
    const mapped = mapXError(err, now());
    // The guard already logged the spent window and holds the endpoint back until it resets.
    if (mapped.kind === 'rate_limited') {
      logger.debug({ endpoint, error: mapped.message }, 'x poll deferred');
      return;
    }
    const count = (failures.get(endpoint)?.count ?? 0) + 1;
    const backoffMs = Math.min(intervalMs * 2 ** count, MAX_BACKOFF_MS);
    failures.set(endpoint, { count, retryAt: now() + backoffMs });
    const details = { endpoint, error: describeXError(err), kind: mapped.kind, failures: count, backoffMs };
    if (mapped.kind === 'permanent') logger.error(details, 'x poll failed');
    else logger.warn(details, 'x poll failed');
  }

  async function pollOnce(): Promise<void> {
    const target = sink;
    if (!target) return;
    if ((failures.get(X_ENDPOINTS.me)?.retryAt ?? 0) > now()) return;
    let me: { id: string };
    try {
      me = await identify();
      failures.delete(X_ENDPOINTS.me);
    } catch (err) {
      noteFailure(X_ENDPOINTS.me, err);
      return;
    }
    const ctx: PollContext = {
      session,
      state,
      sink: target,
      selfId: me.id,
      now,
      lookbackMs: config.initialLookbackMs ?? X_DEFAULTS.initialLookbackMs,
    };
    for (const endpoint of endpoints) {
      if (!running) return;
      if ((failures.get(endpoint.name)?.retryAt ?? 0) > now()) continue;
      try {
        const delivered = await endpoint.poll(ctx);
        failures.delete(endpoint.name);
        if (delivered > 0) logger.debug({ endpoint: endpoint.name, delivered }, 'x messages received');
      } catch (err) {
        noteFailure(endpoint.name, err);
      }
    }
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      inflight = pollOnce()
        .catch((err: unknown) => logger.error({ err }, 'x poll crashed'))
        .finally(() => {
          inflight = null;
          schedule(intervalMs);
        });
    }, delayMs);
  }

  return {
    name: 'x',
    async start(s: InboundSink) {
      sink = s;
      try {
        await identify();
      } catch (err) {
        const mapped = mapXError(err, now());
        // A rejected token will not heal by itself: fail loudly. Anything else is retried by the poll loop.
        if (mapped.kind === 'permanent') throw mapped;
        logger.warn({ error: mapped.message }, 'x account lookup failed; retrying on the next poll');
      }
      running = true;
      schedule(0);
      logger.info({ account: self?.username, pollIntervalMs: intervalMs }, 'x polling started');
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await inflight;
      sink = null;
    },
    async send(address: string, text: string): Promise<SendReceipt> {
      const { channel, id } = parseAddress(address);
      const target = channel === 'x' ? /^(tweet|dm):(\d+)$/.exec(id) : null;
      if (!target?.[2]) throw new ChannelSendError(`not an x address: ${address}`, 'permanent');
      const [, kind, targetId] = target;
      try {
        if (kind === 'tweet') {
          const posted = await session.call(X_ENDPOINTS.tweet, (api) => api.reply(fitTweet(text), targetId));
          return { platformMessageId: posted.data.id };
        }
        const sent: unknown = await session.call(X_ENDPOINTS.dm, (api) =>
          api.sendDmToParticipant(targetId, { text: text.slice(0, MAX_DM_CHARS) }),
        );
        const eventId = dmEventIdOf(sent);
        // Accepted without an id: still sent. Throwing would make the outbox send it a second time.
        if (!eventId) logger.warn({ address }, 'x accepted a DM without returning dm_event_id');
        return { platformMessageId: eventId ?? `dm-to:${targetId}` };
      } catch (err) {
        throw mapXError(err, now());
      }
    },
  };
}
