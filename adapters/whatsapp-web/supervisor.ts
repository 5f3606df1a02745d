// The WhatsApp Web connection state machine: starting → qr → authenticated → ready, reconnecting with capped
// backoff after a dropped connection, and a hard stop at `logged_out` when the session itself is gone.
//
// Why no restart after LOGOUT: the library reports `disconnected: 'LOGOUT'` when the phone unlinks the device,
// when WhatsApp revokes the session, and sometimes right after a send (wwebjs/whatsapp-web.js#3988, 1.34.2 with
// LocalAuth; the code path is traced in rmyndharis/OpenWA#982). LocalAuth then deletes the stored session, so
// a restart can only show a new QR: looping would burn CPU, spam the log, and hammering WA Web is what gets
// numbers banned (#1872, #2548). Instead we alert once and wait for a human to scan the QR on the status page.
import type { Logger } from '../../src/logger.js';
import { printQrToTerminal, qrToDataUrl } from './qr.js';
import type { WaClientEvents, WaClientPort, WaMessageLike } from './types.js';

/** Where the connection is. */
export type WaConnectionState =
  | 'stopped'
  | 'starting'
  | 'qr'
  | 'authenticated'
  | 'ready'
  | 'reconnecting'
  | 'logged_out';

/** What the status page shows. `qr` is present while a QR waits to be scanned (also after a logout). */
export interface WaConnectionStatus {
  state: WaConnectionState;
  qr?: string;
  qrDataUrl?: string;
  lastError?: string;
  /** Set when a human must act (logged out, banned, reconnecting too often); cleared once connected again. */
  alert?: string;
  nextReconnectAt?: Date;
  /** When `state` was entered. */
  since: Date;
}

/** How reconnects after a dropped connection are paced. */
export interface ReconnectPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** More reconnects than this in an hour wait for the hour to pass (and raise an alert). */
  maxAttemptsPerHour: number;
}

/** 5 s, 10 s, 20 s … capped at 5 min; at most 12 reconnects an hour. */
export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 5 * 60_000,
  maxAttemptsPerHour: 12,
};

/** What the supervisor needs; `createClient` builds a fresh client for every (re)connect. */
export interface WaSupervisorOptions {
  createClient: () => WaClientPort | Promise<WaClientPort>;
  logger: Logger;
  onMessage: (message: WaMessageLike) => void;
  /** Edits and deletions for everyone, as the library reports them. */
  onEdit?: (message: WaMessageLike, newBody: string) => void;
  onRevoke?: (after: WaMessageLike, before?: WaMessageLike | null) => void;
  /** A human must act; called once per incident. Defaults to logger.error. */
  onAlert?: (message: string) => void;
  printQr?: (qr: string) => void;
  qrToDataUrl?: (qr: string) => Promise<string>;
  reconnect?: Partial<ReconnectPolicy>;
}

const HOUR_MS = 3_600_000;
const DESTROY_TIMEOUT_MS = 10_000;
const RESCAN = 'Buka /admin/whatsapp dan pindai ulang kode QR dari ponsel (WhatsApp → Perangkat tertaut).';
const BANNED =
  'WhatsApp memblokir nomor ini untuk klien tidak resmi. Ajukan banding lewat aplikasi WhatsApp, ' +
  'atau pindah ke WhatsApp Business Cloud API.';

/** Disconnect reasons a restart cannot fix: the session is gone, or the number is banned. */
const TERMINAL_REASONS: Readonly<Record<string, string>> = {
  LOGOUT: `WhatsApp Web keluar (LOGOUT): perangkat tertaut dilepas atau sesi dicabut. ${RESCAN}`,
  UNPAIRED: `WhatsApp Web tidak lagi tertaut (UNPAIRED). ${RESCAN}`,
  TOS_BLOCK: `WhatsApp Web terputus (TOS_BLOCK). ${BANNED}`,
  SMB_TOS_BLOCK: `WhatsApp Web terputus (SMB_TOS_BLOCK). ${BANNED}`,
};

/** Everything the state machine's steps read and move on; one per supervisor. */
interface SupervisorState {
  opts: WaSupervisorOptions;
  logger: Logger;
  policy: ReconnectPolicy;
  printQr: (qr: string) => void;
  toDataUrl: (qr: string) => Promise<string>;
  alert: (message: string) => void;
  current: WaConnectionStatus;
  client: WaClientPort | null;
  detach: (() => void) | null;
  // Every client gets a generation; events and failures of a replaced client are ignored.
  generation: number;
  running: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  failuresInARow: number;
  reconnectTimes: number[];
  budgetAlerted: boolean;
}

type WaHandlers = { [E in keyof WaClientEvents]: WaClientEvents[E] };

/** Creates the supervisor; `start()` returns once the first client's initialize() has been kicked off. */
export function createWaSupervisor(opts: WaSupervisorOptions) {
  const { logger } = opts;
  const s: SupervisorState = {
    opts,
    logger,
    policy: { ...DEFAULT_RECONNECT_POLICY, ...opts.reconnect },
    printQr: opts.printQr ?? printQrToTerminal,
    toDataUrl: opts.qrToDataUrl ?? qrToDataUrl,
    alert: opts.onAlert ?? ((message: string) => logger.error({ channel: 'whatsapp' }, message)),
    current: { state: 'stopped', since: new Date() },
    client: null,
    detach: null,
    generation: 0,
    running: false,
    timer: null,
    failuresInARow: 0,
    reconnectTimes: [],
    budgetAlerted: false,
  };
  return {
    /** Starts the first client; resolves once initialize() is under way, not when WhatsApp is ready. */
    async start(): Promise<void> {
      if (s.running) return;
      s.running = true;
      await connect(s);
    },
    /** Destroys the client and cancels any pending reconnect. */
    async stop(): Promise<void> {
      s.running = false;
      clearTimer(s);
      await teardown(s);
      set(s, 'stopped', { qr: undefined, qrDataUrl: undefined, nextReconnectAt: undefined });
    },
    /** A human asked for a fresh start (after a logout, or to recycle a browser that grew too big). */
    restart: () => restart(s),
    /** The client, only while WhatsApp is ready to send. */
    readyClient(): WaClientPort | null {
      return s.current.state === 'ready' ? s.client : null;
    },
    /** A snapshot for the status page. */
    status(): WaConnectionStatus {
      return { ...s.current };
    },
  };
}

/** The supervisor's interface. */
export type WaSupervisor = ReturnType<typeof createWaSupervisor>;

function set(s: SupervisorState, state: WaConnectionState, patch: Partial<WaConnectionStatus> = {}) {
  const since = state === s.current.state ? s.current.since : new Date();
  s.current = { ...s.current, ...patch, state, since };
}

async function restart(s: SupervisorState): Promise<void> {
  if (!s.running) return;
  clearTimer(s);
  await teardown(s);
  s.failuresInARow = 0;
  set(s, 'starting', { alert: undefined });
  await connect(s);
}

async function connect(s: SupervisorState): Promise<void> {
  const gen = ++s.generation;
  set(s, 'starting', { qr: undefined, qrDataUrl: undefined, nextReconnectAt: undefined });
  let c: WaClientPort;
  try {
    c = await s.opts.createClient();
  } catch (err) {
    return failed(s, gen, err);
  }
  if (gen !== s.generation || !s.running) {
    void c.destroy().catch(() => undefined);
    return;
  }
  s.client = c;
  s.detach = listen(c, handlersFor(s, gen));
  // Not awaited: with a new session initialize() waits for a human to scan the QR.
  c.initialize().catch((err: unknown) => failed(s, gen, err));
}

/** Subscribes every handler; the returned function unsubscribes them again. */
function listen(c: WaClientPort, handlers: WaHandlers): () => void {
  const events = Object.keys(handlers) as (keyof WaClientEvents)[];
  const attach = <E extends keyof WaClientEvents>(e: E) => c.on(e, handlers[e]);
  const detach = <E extends keyof WaClientEvents>(e: E) => c.removeListener(e, handlers[e]);
  for (const e of events) attach(e);
  return () => {
    for (const e of events) detach(e);
  };
}

/** The client's events, each ignored once its client was replaced or the supervisor stopped. */
function handlersFor(s: SupervisorState, gen: number): WaHandlers {
  const live = () => s.running && gen === s.generation;
  return {
    qr: (qr) => {
      if (live()) showQr(s, qr);
    },
    authenticated: () => {
      if (live()) set(s, 'authenticated', { qr: undefined, qrDataUrl: undefined, alert: undefined });
    },
    auth_failure: (message) => {
      if (live()) loggedOut(s, `auth_failure: ${message}`, `Autentikasi WhatsApp Web gagal (${message}). ${RESCAN}`);
    },
    ready: () => {
      if (live()) ready(s);
    },
    message: (message) => {
      if (live()) s.opts.onMessage(message);
    },
    message_edit: (message, newBody) => {
      if (live()) s.opts.onEdit?.(message, newBody);
    },
    message_revoke_everyone: (after, before) => {
      if (live()) s.opts.onRevoke?.(after, before);
    },
    disconnected: (reason) => {
      if (live()) disconnected(s, reason);
    },
    change_state: (state) => {
      if (live()) s.logger.info({ channel: 'whatsapp', waState: state }, 'whatsapp web state changed');
    },
  };
}

function ready(s: SupervisorState) {
  s.failuresInARow = 0;
  s.budgetAlerted = false;
  set(s, 'ready', { qr: undefined, qrDataUrl: undefined, alert: undefined, nextReconnectAt: undefined });
  s.logger.info({ channel: 'whatsapp' }, 'whatsapp web ready');
}

function disconnected(s: SupervisorState, reason: string) {
  const terminal = TERMINAL_REASONS[reason];
  if (terminal) loggedOut(s, reason, terminal);
  else scheduleReconnect(s, `disconnected: ${reason}`);
}

function showQr(s: SupervisorState, qr: string) {
  if (qr === s.current.qr) return;
  // After a LOGOUT the library itself reloads WA Web and shows a new QR: keep the alert until it is scanned.
  set(s, s.current.state === 'logged_out' ? 'logged_out' : 'qr', { qr, qrDataUrl: undefined });
  s.logger.info({ channel: 'whatsapp' }, 'whatsapp web waiting for QR scan (terminal or /admin/whatsapp)');
  try {
    s.printQr(qr);
  } catch (err) {
    s.logger.warn({ err }, 'could not print the WhatsApp QR');
  }
  s.toDataUrl(qr)
    .then((url) => {
      if (s.current.qr === qr) s.current = { ...s.current, qrDataUrl: url };
    })
    .catch((err: unknown) => s.logger.warn({ err }, 'could not render the WhatsApp QR image'));
}

function loggedOut(s: SupervisorState, reason: string, message: string) {
  if (s.current.state === 'logged_out') return;
  clearTimer(s);
  // The client is kept: after LOGOUT it shows a fresh QR that an admin can scan from the status page.
  set(s, 'logged_out', { lastError: reason, alert: message, nextReconnectAt: undefined });
  s.alert(message);
}

function failed(s: SupervisorState, gen: number, err: unknown) {
  if (gen !== s.generation || !s.running || s.current.state === 'logged_out') return;
  const message = err instanceof Error ? err.message : String(err);
  // A missing browser is a deployment mistake, not a network blip: say so at once, not after an hour of retries.
  if (/browser was not found|failed to launch the browser/i.test(message) && !s.current.alert) {
    s.current = {
      ...s.current,
      alert: `Chromium tidak dapat dijalankan: ${message}. Pasang paket chromium atau periksa path-nya.`,
    };
    s.alert(s.current.alert ?? message);
  }
  scheduleReconnect(s, message);
}

function scheduleReconnect(s: SupervisorState, reason: string) {
  if (!s.running || s.current.state === 'logged_out' || s.timer) return;
  // Free the browser while we wait; the library has usually destroyed it already.
  void teardown(s);
  s.failuresInARow++;
  const now = Date.now();
  const delay = reconnectDelay(s, reason, now);
  set(s, 'reconnecting', { lastError: reason, nextReconnectAt: new Date(now + delay) });
  s.logger.warn(
    { channel: 'whatsapp', reason, delayMs: delay, attempt: s.failuresInARow },
    'whatsapp reconnect scheduled',
  );
  s.timer = setTimeout(() => {
    s.timer = null;
    s.reconnectTimes.push(Date.now());
    void connect(s);
  }, delay);
}

/** Doubles per failure in a row; past the hour's budget, waits for the hour to pass and alerts once. */
function reconnectDelay(s: SupervisorState, reason: string, now: number): number {
  const { policy, reconnectTimes } = s;
  while (reconnectTimes.length > 0 && (reconnectTimes[0] ?? 0) <= now - HOUR_MS) reconnectTimes.shift();
  let delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (s.failuresInARow - 1));
  if (reconnectTimes.length >= policy.maxAttemptsPerHour) {
    delay = Math.max(delay, (reconnectTimes[0] ?? now) + HOUR_MS - now);
    if (!s.budgetAlerted) {
      s.budgetAlerted = true;
      s.alert(
        `WhatsApp Web terputus ${reconnectTimes.length} kali dalam satu jam (terakhir: ${reason}); ` +
          `sambung ulang berikutnya ${new Date(now + delay).toISOString()}. Periksa server dan ponsel.`,
      );
    }
  }
  return delay;
}

function clearTimer(s: SupervisorState) {
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
}

async function teardown(s: SupervisorState): Promise<void> {
  s.generation++;
  s.detach?.();
  s.detach = null;
  const c = s.client;
  s.client = null;
  if (!c) return;
  // destroy() of a browser that already went away can hang: never let it block a stop or a restart.
  let t: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    t = setTimeout(resolve, DESTROY_TIMEOUT_MS);
  });
  await Promise.race([c.destroy().catch((err: unknown) => s.logger.debug({ err }, 'destroy failed')), timeout]);
  clearTimeout(t);
}
