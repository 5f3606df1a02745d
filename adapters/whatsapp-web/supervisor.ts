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

/** Creates the supervisor; `start()` returns once the first client's initialize() has been kicked off. */
export function createWaSupervisor(opts: WaSupervisorOptions) {
  const { logger } = opts;
  const policy: ReconnectPolicy = { ...DEFAULT_RECONNECT_POLICY, ...opts.reconnect };
  const printQr = opts.printQr ?? printQrToTerminal;
  const toDataUrl = opts.qrToDataUrl ?? qrToDataUrl;
  const alert = opts.onAlert ?? ((message: string) => logger.error({ channel: 'whatsapp' }, message));
  let current: WaConnectionStatus = { state: 'stopped', since: new Date() };
  let client: WaClientPort | null = null;
  let detach: (() => void) | null = null;
  // Every client gets a generation; events and failures of a replaced client are ignored.
  let generation = 0;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failuresInARow = 0;
  const reconnectTimes: number[] = [];
  let budgetAlerted = false;

  function set(state: WaConnectionState, patch: Partial<WaConnectionStatus> = {}) {
    const since = state === current.state ? current.since : new Date();
    current = { ...current, ...patch, state, since };
  }

  async function connect(): Promise<void> {
    const gen = ++generation;
    set('starting', { qr: undefined, qrDataUrl: undefined, nextReconnectAt: undefined });
    let c: WaClientPort;
    try {
      c = await opts.createClient();
    } catch (err) {
      return failed(gen, err);
    }
    if (gen !== generation || !running) {
      void c.destroy().catch(() => undefined);
      return;
    }
    client = c;
    detach = attach(c, gen);
    // Not awaited: with a new session initialize() waits for a human to scan the QR.
    c.initialize().catch((err: unknown) => failed(gen, err));
  }

  function attach(c: WaClientPort, gen: number): () => void {
    const live = () => running && gen === generation;
    const onQr = (qr: string) => {
      if (live()) showQr(qr);
    };
    const onAuthenticated = () => {
      if (live()) set('authenticated', { qr: undefined, qrDataUrl: undefined, alert: undefined });
    };
    const onAuthFailure = (message: string) => {
      if (live()) loggedOut(`auth_failure: ${message}`, `Autentikasi WhatsApp Web gagal (${message}). ${RESCAN}`);
    };
    const onReady = () => {
      if (!live()) return;
      failuresInARow = 0;
      budgetAlerted = false;
      set('ready', { qr: undefined, qrDataUrl: undefined, alert: undefined, nextReconnectAt: undefined });
      logger.info({ channel: 'whatsapp' }, 'whatsapp web ready');
    };
    const onMessage = (message: WaMessageLike) => {
      if (live()) opts.onMessage(message);
    };
    const onDisconnected = (reason: string) => {
      if (!live()) return;
      const terminal = TERMINAL_REASONS[reason];
      if (terminal) loggedOut(reason, terminal);
      else scheduleReconnect(`disconnected: ${reason}`);
    };
    const onChangeState = (state: string) => {
      if (live()) logger.info({ channel: 'whatsapp', waState: state }, 'whatsapp web state changed');
    };
    const handlers: { [E in keyof WaClientEvents]: WaClientEvents[E] } = {
      qr: onQr,
      authenticated: onAuthenticated,
      auth_failure: onAuthFailure,
      ready: onReady,
      message: onMessage,
      message_edit: (message, newBody) => {
        if (live()) opts.onEdit?.(message, newBody);
      },
      message_revoke_everyone: (after, before) => {
        if (live()) opts.onRevoke?.(after, before);
      },
      disconnected: onDisconnected,
      change_state: onChangeState,
    };
    const events = Object.keys(handlers) as (keyof WaClientEvents)[];
    const attach = <E extends keyof WaClientEvents>(e: E) => c.on(e, handlers[e]);
    const detach = <E extends keyof WaClientEvents>(e: E) => c.removeListener(e, handlers[e]);
    for (const e of events) attach(e);
    return () => {
      for (const e of events) detach(e);
    };
  }

  function showQr(qr: string) {
    if (qr === current.qr) return;
    // After a LOGOUT the library itself reloads WA Web and shows a new QR: keep the alert until it is scanned.
    set(current.state === 'logged_out' ? 'logged_out' : 'qr', { qr, qrDataUrl: undefined });
    logger.info({ channel: 'whatsapp' }, 'whatsapp web waiting for QR scan (terminal or /admin/whatsapp)');
    try {
      printQr(qr);
    } catch (err) {
      logger.warn({ err }, 'could not print the WhatsApp QR');
    }
    toDataUrl(qr)
      .then((url) => {
        if (current.qr === qr) current = { ...current, qrDataUrl: url };
      })
      .catch((err: unknown) => logger.warn({ err }, 'could not render the WhatsApp QR image'));
  }

  function loggedOut(reason: string, message: string) {
    if (current.state === 'logged_out') return;
    clearTimer();
    // The client is kept: after LOGOUT it shows a fresh QR that an admin can scan from the status page.
    set('logged_out', { lastError: reason, alert: message, nextReconnectAt: undefined });
    alert(message);
  }

  function failed(gen: number, err: unknown) {
    if (gen !== generation || !running || current.state === 'logged_out') return;
    const message = err instanceof Error ? err.message : String(err);
    // A missing browser is a deployment mistake, not a network blip: say so at once, not after an hour of retries.
    if (/browser was not found|failed to launch the browser/i.test(message) && !current.alert) {
      current = {
        ...current,
        alert: `Chromium tidak dapat dijalankan: ${message}. Pasang paket chromium atau periksa path-nya.`,
      };
      alert(current.alert ?? message);
    }
    scheduleReconnect(message);
  }

  function scheduleReconnect(reason: string) {
    if (!running || current.state === 'logged_out' || timer) return;
    // Free the browser while we wait; the library has usually destroyed it already.
    void teardown();
    failuresInARow++;
    const now = Date.now();
    while (reconnectTimes.length > 0 && (reconnectTimes[0] ?? 0) <= now - HOUR_MS) reconnectTimes.shift();
    let delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failuresInARow - 1));
    if (reconnectTimes.length >= policy.maxAttemptsPerHour) {
      delay = Math.max(delay, (reconnectTimes[0] ?? now) + HOUR_MS - now);
      if (!budgetAlerted) {
        budgetAlerted = true;
        alert(
          `WhatsApp Web terputus ${reconnectTimes.length} kali dalam satu jam (terakhir: ${reason}); ` +
            `sambung ulang berikutnya ${new Date(now + delay).toISOString()}. Periksa server dan ponsel.`,
        );
      }
    }
    set('reconnecting', { lastError: reason, nextReconnectAt: new Date(now + delay) });
    logger.warn(
      { channel: 'whatsapp', reason, delayMs: delay, attempt: failuresInARow },
      'whatsapp reconnect scheduled',
    );
    timer = setTimeout(() => {
      timer = null;
      reconnectTimes.push(Date.now());
      void connect();
    }, delay);
  }

  function clearTimer() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  async function teardown(): Promise<void> {
    generation++;
    detach?.();
    detach = null;
    const c = client;
    client = null;
    if (!c) return;
    // destroy() of a browser that already went away can hang: never let it block a stop or a restart.
    let t: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      t = setTimeout(resolve, DESTROY_TIMEOUT_MS);
    });
    await Promise.race([c.destroy().catch((err: unknown) => logger.debug({ err }, 'destroy failed')), timeout]);
    clearTimeout(t);
  }

  return {
    /** Starts the first client; resolves once initialize() is under way, not when WhatsApp is ready. */
    async start(): Promise<void> {
      if (running) return;
      running = true;
      await connect();
    },
    /** Destroys the client and cancels any pending reconnect. */
    async stop(): Promise<void> {
      running = false;
      clearTimer();
      await teardown();
      set('stopped', { qr: undefined, qrDataUrl: undefined, nextReconnectAt: undefined });
    },
    /** A human asked for a fresh start (after a logout, or to recycle a browser that grew too big). */
    async restart(): Promise<void> {
      if (!running) return;
      clearTimer();
      await teardown();
      failuresInARow = 0;
      set('starting', { alert: undefined });
      await connect();
    },
    /** The client, only while WhatsApp is ready to send. */
    readyClient(): WaClientPort | null {
      return current.state === 'ready' ? client : null;
    },
    /** A snapshot for the status page. */
    status(): WaConnectionStatus {
      return { ...current };
    },
  };
}

/** The supervisor's interface. */
export type WaSupervisor = ReturnType<typeof createWaSupervisor>;
