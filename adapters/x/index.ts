// X (Twitter) channel through twitter-api-v2, by polling: webhooks (Account Activity) need a paid or
// enterprise tier, so every pollIntervalMs the adapter reads new mentions (since_id) and DM events.
// Mentions are answered in their thread (x:tweet:<id>), DMs by DM (x:dm:<userId>).
import type { ChannelAdapter, InboundSink, SendReceipt } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import type { Logger } from '../../src/logger.js';
import { mapXError } from './errors.js';
import { pollDms, pollMentions } from './poll.js';
import { identify, schedule, type XAdapterState } from './poll-loop.js';
import { createRateLimitGuard, X_ENDPOINTS } from './rate-limit.js';
import { createXSession } from './session.js';
import { fitTweet } from './tweet-text.js';
import { X_DEFAULTS, type XAdapterConfig } from './types.js';

/** Config type and StateStore keys, for src/config and for tests that rewind a cursor. */
export { X_DEFAULTS, X_STATE_KEYS, type XAdapterConfig } from './types.js';

/** X accepts DMs up to 10,000 characters (https://docs.x.com/x-api/direct-messages/manage/introduction). */
const MAX_DM_CHARS = 10_000;

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
  const guard = createRateLimitGuard(logger, now);
  const x: XAdapterState = {
    config,
    logger,
    state,
    session: createXSession({ config, state, logger, guard, now }),
    now,
    intervalMs: config.pollIntervalMs ?? X_DEFAULTS.pollIntervalMs,
    endpoints: [
      { name: X_ENDPOINTS.mentions, poll: pollMentions },
      ...((config.pollDms ?? X_DEFAULTS.pollDms) ? [{ name: X_ENDPOINTS.dmEvents, poll: pollDms }] : []),
    ],
    failures: new Map(),
    self: null,
    sink: null,
    timer: null,
    inflight: null,
    running: false,
  };
  return {
    name: 'x',
    start: (sink) => start(x, sink),
    async stop() {
      x.running = false;
      if (x.timer) clearTimeout(x.timer);
      x.timer = null;
      await x.inflight;
      x.sink = null;
    },
    send: (address, text) => send(x, address, text),
  };
}

async function start(x: XAdapterState, sink: InboundSink): Promise<void> {
  const { logger } = x;
  x.sink = sink;
  try {
    await identify(x);
  } catch (err) {
    const mapped = mapXError(err, x.now());
    // A rejected token will not heal by itself: fail loudly. Anything else is retried by the poll loop.
    if (mapped.kind === 'permanent') throw mapped;
    logger.warn({ error: mapped.message }, 'x account lookup failed; retrying on the next poll');
  }
  x.running = true;
  schedule(x, 0);
  logger.info({ account: x.self?.username, pollIntervalMs: x.intervalMs }, 'x polling started');
}

async function send({ session, logger, now }: XAdapterState, address: string, text: string): Promise<SendReceipt> {
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
}
