// Starts claimed rows' sends at their booked slots, one lane per channel. A paced channel keeps several sends
// in flight (a send takes longer than the 35 ms between slots: the platform's round trip plus recording it),
// an unpaced one sends one at a time (X paces itself from each response's rate-limit headers). Three rules
// keep the platform from ever answering 429:
// - a slot is never early: each send starts at or after the slot the limiter booked for it;
// - a chat's sends reach the platform in order: a row waits until its chat's previous send was answered;
// - the window guard: with a limit of N a second, send k+N starts only 1 s after send k was *answered*. The
//   platform stamped send k before it answered, so it never sees more than N in any sliding second, however
//   late a busy process or the network delivered send k. With slots 5% wider than the limit
//   (DEFAULT_PACE_SHARE) the guard only waits when a send took longer than that margin.
import type { ClaimedRow } from './outbox-sql.js';
import type { RateLimiter } from './rate-limiter.js';

export interface LaneClock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

/** A started send: `answered` when the platform answered (or the send failed), `done` once it is recorded. */
export interface StartedSend {
  answered: Promise<void>;
  done: Promise<void>;
}

export interface SendLanesOptions {
  limiter: RateLimiter;
  clock: LaneClock;
  /** Sends in flight at once on a paced channel. */
  maxInFlight: number;
  /** Starts the send; must call the platform before it returns (the slot is now), not after an await. */
  start(row: ClaimedRow): StartedSend;
  /** Each channel's recent answers for the window guard, kept by the worker so it holds across drains. */
  windows: Map<string, SendWindow>;
}

/** The last `size` sends' answers on a channel, oldest at `sends % size` (the window guard). */
export interface SendWindow {
  entries: { answeredAt: number; answered: Promise<void> }[];
  sends: number;
}

interface Lane {
  channel: string;
  queue: { row: ClaimedRow; at: number }[];
  running: boolean;
  inFlight: number;
  limit: number;
  window: SendWindow;
  windowSize: number;
  freed: (() => void)[];
}

/** The platform's window, plus a few ms for clocks that tick in whole milliseconds (here and there). */
const WINDOW_MS = 1_000 + 5;

const chatKey = (row: ClaimedRow) => `${row.channel}\u0000${row.address}`;

/** One drain's lanes and what they share; the functions below take it explicitly. */
interface LanesState {
  opts: SendLanesOptions;
  lanes: Map<string, Lane>;
  /** Each chat's latest send, answered or not, so the next one to the chat waits for it. */
  chats: Map<string, Promise<void>>;
  inFlight: Set<Promise<void>>;
  listeners: Set<() => void>;
  stopped: boolean;
  /** Waits to end early on stop (see orStop). */
  stopWaiters: Set<(value: unknown) => void>;
}

function createState(opts: SendLanesOptions): LanesState {
  return {
    opts,
    lanes: new Map(),
    chats: new Map(),
    inFlight: new Set(),
    listeners: new Set(),
    stopped: false,
    stopWaiters: new Set(),
  };
}

const notify = (s: LanesState) => {
  for (const l of [...s.listeners]) l();
};

/**
 * `p`, or nothing as soon as the lanes stop. Not Promise.race against one stop promise: each race leaves a
 * reaction on that promise until it settles, one per wait for as long as the drain runs (a drain under steady
 * traffic held 31,000 of them, with their closures, after 30,000 messages: bench:http's heap snapshot).
 */
function orStop(s: LanesState, p: Promise<unknown>): Promise<unknown> {
  if (s.stopped) return Promise.resolve();
  return new Promise((resolve, reject) => {
    s.stopWaiters.add(resolve);
    p.then(resolve, reject).finally(() => s.stopWaiters.delete(resolve));
  });
}

function laneFor(s: LanesState, channel: string): Lane {
  let lane = s.lanes.get(channel);
  if (!lane) {
    const rate = s.opts.limiter.rateOf(channel);
    const paced = rate !== undefined && rate.perSecond > 0;
    const windowSize = paced ? Math.max(1, Math.floor(rate.perSecond)) : 0;
    const limit = paced ? s.opts.maxInFlight : 1;
    let window = s.opts.windows.get(channel);
    if (!window) {
      window = { entries: [], sends: 0 };
      s.opts.windows.set(channel, window);
    }
    lane = { channel, queue: [], running: false, inFlight: 0, limit, window, windowSize, freed: [] };
    s.lanes.set(channel, lane);
  }
  return lane;
}

/**
 * Sleeps until the clock reads `atMs`. A timer can fire early by the time its event-loop turn had already
 * run when it was set (libuv counts from the turn's start), most on a busy machine: so look at the clock again.
 */
async function until(s: LanesState, atMs: number) {
  const { clock } = s.opts;
  for (let wait = atMs - clock.nowMs(); wait > 0 && !s.stopped; wait = atMs - clock.nowMs()) {
    await orStop(s, clock.sleep(wait));
  }
}

/** Waits until the lane may start its head row: slot, pause, window guard, a free place, the chat's turn. */
async function clearToSend(s: LanesState, lane: Lane, head: { row: ClaimedRow; at: number }) {
  await until(s, Math.max(head.at, s.opts.limiter.heldUntil(lane.channel)));
  const { entries, sends } = lane.window;
  const oldest =
    lane.windowSize > 0 && entries.length === lane.windowSize ? entries[sends % lane.windowSize] : undefined;
  if (oldest) {
    await orStop(s, oldest.answered);
    await until(s, oldest.answeredAt + WINDOW_MS);
  }
  while (lane.inFlight >= lane.limit && !s.stopped) await orStop(s, new Promise<void>((r) => lane.freed.push(r)));
  const previous = s.chats.get(chatKey(head.row));
  if (previous) await orStop(s, previous);
}

function dispatch(s: LanesState, lane: Lane, row: ClaimedRow) {
  lane.inFlight++;
  const send = s.opts.start(row);
  const entry = { answeredAt: Number.POSITIVE_INFINITY, answered: Promise.resolve() };
  entry.answered = send.answered.then(() => {
    entry.answeredAt = s.opts.clock.nowMs();
  });
  if (lane.windowSize > 0) lane.window.entries[lane.window.sends % lane.windowSize] = entry;
  lane.window.sends++;
  const key = chatKey(row);
  s.chats.set(key, entry.answered);
  void entry.answered.then(() => {
    if (s.chats.get(key) === entry.answered) s.chats.delete(key);
  });
  const tracked: Promise<void> = send.done.finally(() => {
    lane.inFlight--;
    s.inFlight.delete(tracked);
    for (const r of lane.freed.splice(0)) r();
    notify(s);
  });
  s.inFlight.add(tracked);
}

async function run(s: LanesState, lane: Lane) {
  const { limiter, clock } = s.opts;
  lane.running = true;
  try {
    while (!s.stopped && lane.queue.length > 0) {
      const head = lane.queue[0] as { row: ClaimedRow; at: number };
      await clearToSend(s, lane, head);
      // A 429 answered meanwhile holds the channel: look again before starting.
      if (s.stopped || lane.queue[0] !== head || limiter.heldUntil(lane.channel) > clock.nowMs()) continue;
      lane.queue.shift();
      dispatch(s, lane, head.row);
      notify(s);
    }
  } finally {
    lane.running = false;
    notify(s);
  }
}

/** Resolves once `ok()` holds, checked whenever a lane moves. */
function when(s: LanesState, ok: () => boolean): Promise<void> {
  if (ok()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!ok()) return;
      s.listeners.delete(check);
      resolve();
    };
    s.listeners.add(check);
  });
}

const queued = (s: LanesState) => [...s.lanes.values()].reduce((n, l) => n + l.queue.length, 0);

/** Queues a claimed row to start at `atMs` (slots are booked in order, so a lane's queue stays sorted). */
function queue(s: LanesState, row: ClaimedRow, atMs: number) {
  const lane = laneFor(s, row.channel);
  let i = lane.queue.length;
  while (i > 0 && (lane.queue[i - 1] as { at: number }).at > atMs) i--;
  lane.queue.splice(i, 0, { row, at: atMs });
  if (!lane.running) void run(s, lane);
}

/** Resolves when fewer than `maxQueued` rows wait and every lane's last slot is within `aheadMs`. */
function ready(s: LanesState, maxQueued: number, aheadMs: number): Promise<void> {
  return when(
    s,
    () =>
      s.stopped ||
      (queued(s) < maxQueued &&
        [...s.lanes.values()].every((l) => (l.queue.at(-1)?.at ?? 0) <= s.opts.clock.nowMs() + aheadMs)),
  );
}

/** Resolves when every queued row was started (or the lanes stopped) and every started send is done. */
async function idle(s: LanesState): Promise<void> {
  await when(s, () => [...s.lanes.values()].every((l) => !l.running && (s.stopped || l.queue.length === 0)));
  while (s.inFlight.size > 0) await Promise.all([...s.inFlight]);
}

/** Starts nothing more; sends in flight finish. */
function stop(s: LanesState) {
  s.stopped = true;
  for (const wake of s.stopWaiters) wake(undefined);
  s.stopWaiters.clear();
  notify(s);
}

/** Lanes for one drain: `queue` rows at their slots, `ready` to pace claiming, `idle` when all are done. */
export function createSendLanes(opts: SendLanesOptions) {
  const s = createState(opts);
  return {
    queue: (row: ClaimedRow, atMs: number) => queue(s, row, atMs),
    ready: (maxQueued: number, aheadMs: number) => ready(s, maxQueued, aheadMs),
    idle: () => idle(s),
    stop: () => stop(s),
    /** Removes and returns the rows not started. */
    takeQueued: (): ClaimedRow[] => [...s.lanes.values()].flatMap((l) => l.queue.splice(0).map((e) => e.row)),
  };
}

export type SendLanes = ReturnType<typeof createSendLanes>;
