// The X adapter's poll loop: every pollIntervalMs it polls each inbound endpoint (poll.ts) in turn. A failing
// endpoint backs off on its own, so a broken DM endpoint does not hold mentions back.
import type { InboundSink } from '../../src/channels/contract.js';
import type { StateStore } from '../../src/channels/state-store.js';
import type { Logger } from '../../src/logger.js';
import { describeXError, mapXError } from './errors.js';
import type { PollContext } from './poll.js';
import { X_ENDPOINTS } from './rate-limit.js';
import type { XSession } from './session.js';
import { X_DEFAULTS, type XAdapterConfig } from './types.js';

/** A failing endpoint is polled less and less often, but at least every 15 minutes (X's window length). */
const MAX_BACKOFF_MS = 15 * 60_000;

/** What the adapter and its poll loop share. */
export interface XAdapterState {
  config: XAdapterConfig;
  logger: Logger;
  state: StateStore;
  session: XSession;
  now: () => number;
  intervalMs: number;
  endpoints: { name: string; poll: (ctx: PollContext) => Promise<number> }[];
  failures: Map<string, { count: number; retryAt: number }>;
  self: { id: string; username: string } | null;
  sink: InboundSink | null;
  timer: NodeJS.Timeout | null;
  inflight: Promise<void> | null;
  running: boolean;
}

/** The city's account, looked up once. */
export async function identify(x: XAdapterState): Promise<{ id: string; username: string }> {
  if (!x.self) {
    const me = await x.session.call(X_ENDPOINTS.me, (api) => api.me());
    x.self = { id: me.data.id, username: me.data.username };
  }
  return x.self;
}

/** Polls after `delayMs`, and again every intervalMs after each poll, until the adapter stops. */
export function schedule(x: XAdapterState, delayMs: number): void {
  if (!x.running) return;
  x.timer = setTimeout(() => {
    x.timer = null;
    x.inflight = pollOnce(x)
      .catch((err: unknown) => x.logger.error({ err }, 'x poll crashed'))
      .finally(() => {
        x.inflight = null;
        schedule(x, x.intervalMs);
      });
  }, delayMs);
}

async function pollOnce(x: XAdapterState): Promise<void> {
  const { failures, now } = x;
  const target = x.sink;
  if (!target) return;
  if ((failures.get(X_ENDPOINTS.me)?.retryAt ?? 0) > now()) return;
  let me: { id: string };
  try {
    me = await identify(x);
    failures.delete(X_ENDPOINTS.me);
  } catch (err) {
    noteFailure(x, X_ENDPOINTS.me, err);
    return;
  }
  const ctx: PollContext = {
    session: x.session,
    state: x.state,
    sink: target,
    selfId: me.id,
    now,
    lookbackMs: x.config.initialLookbackMs ?? X_DEFAULTS.initialLookbackMs,
  };
  for (const endpoint of x.endpoints) {
    if (!x.running) return;
    if ((failures.get(endpoint.name)?.retryAt ?? 0) > now()) continue;
    try {
      const delivered = await endpoint.poll(ctx);
      failures.delete(endpoint.name);
      if (delivered > 0) x.logger.debug({ endpoint: endpoint.name, delivered }, 'x messages received');
    } catch (err) {
      noteFailure(x, endpoint.name, err);
    }
  }
}

function noteFailure(x: XAdapterState, endpoint: string, err: unknown): void {
  const { logger, now } = x;
  const mapped = mapXError(err, now());
  // The guard already logged the spent window and holds the endpoint back until it resets.
  if (mapped.kind === 'rate_limited') {
    logger.debug({ endpoint, error: mapped.message }, 'x poll deferred');
    return;
  }
  const count = (x.failures.get(endpoint)?.count ?? 0) + 1;
  const backoffMs = Math.min(x.intervalMs * 2 ** count, MAX_BACKOFF_MS);
  x.failures.set(endpoint, { count, retryAt: now() + backoffMs });
  const details = { endpoint, error: describeXError(err), kind: mapped.kind, failures: count, backoffMs };
  if (mapped.kind === 'permanent') logger.error(details, 'x poll failed');
  else logger.warn(details, 'x poll failed');
}
