import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { FakeWhatsApp } from '../../test/fakes/whatsapp-web-client.js';
import { createWaSupervisor, type ReconnectPolicy } from './supervisor.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function setup(reconnect: Partial<ReconnectPolicy> = {}) {
  const wa = new FakeWhatsApp();
  wa.autoReady = false;
  const printed: string[] = [];
  const alerts: string[] = [];
  const messages: string[] = [];
  const supervisor = createWaSupervisor({
    createClient: wa.createClient,
    logger: createLogger('silent'),
    onMessage: (m) => messages.push(m.body),
    onAlert: (a) => alerts.push(a),
    printQr: (qr) => printed.push(qr),
    qrToDataUrl: async (qr) => `data:image/png;base64,${Buffer.from(qr).toString('base64')}`,
    reconnect,
  });
  return { wa, supervisor, printed, alerts, messages };
}

describe('WhatsApp Web supervisor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts without waiting for the QR scan, prints each new QR once and exposes it', async () => {
    const { wa, supervisor, printed } = setup();
    await supervisor.start();
    expect(wa.clients).toHaveLength(1);
    expect(wa.current.initializeCalls).toBe(1);
    expect(supervisor.status().state).toBe('starting');

    wa.current.emit('qr', '2@abc');
    wa.current.emit('qr', '2@abc');
    await vi.advanceTimersByTimeAsync(0);
    expect(printed).toEqual(['2@abc']);
    expect(supervisor.status()).toMatchObject({
      state: 'qr',
      qr: '2@abc',
      qrDataUrl: `data:image/png;base64,${Buffer.from('2@abc').toString('base64')}`,
    });

    wa.current.emit('qr', '2@def');
    await vi.advanceTimersByTimeAsync(0);
    expect(printed).toEqual(['2@abc', '2@def']);
    expect(supervisor.status().qr).toBe('2@def');
    expect(supervisor.readyClient()).toBeNull();
  });

  it('goes authenticated then ready, drops the QR and hands the client out for sending', async () => {
    const { wa, supervisor, messages } = setup();
    await supervisor.start();
    wa.current.emit('qr', '2@abc');
    wa.current.emit('authenticated');
    expect(supervisor.status()).toMatchObject({ state: 'authenticated', qr: undefined });
    wa.current.emit('ready');
    expect(supervisor.status().state).toBe('ready');
    expect(supervisor.readyClient()).toBe(wa.current);
    wa.deliver(wa.text('6281234567890@c.us', 'halo'));
    expect(messages).toEqual(['halo']);
  });

  it('reconnects after a dropped connection with a backoff that grows and caps at 5 minutes', async () => {
    const { wa, supervisor, alerts } = setup();
    await supervisor.start();
    wa.current.becomeReady();

    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = wa.clients.length;
      const dropped = wa.current;
      dropped.emit('disconnected', 'NAVIGATION');
      expect(supervisor.status().state).toBe('reconnecting');
      expect(supervisor.readyClient()).toBeNull();
      expect(dropped.destroyed).toBe(true);
      let waited = 0;
      while (wa.clients.length === before) {
        await vi.advanceTimersByTimeAsync(1000);
        waited += 1000;
      }
      delays.push(waited / 1000);
      expect(wa.current.initializeCalls).toBe(1);
      expect(supervisor.status().state).toBe('starting');
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 300, 300]);
    expect(alerts).toEqual([]);

    // Once connected again the backoff starts over.
    wa.current.becomeReady();
    wa.current.emit('disconnected', 'CONFLICT');
    await vi.advanceTimersByTimeAsync(4999);
    const count = wa.clients.length;
    await vi.advanceTimersByTimeAsync(1);
    expect(wa.clients.length).toBe(count + 1);
  });

  it('also reconnects when initialize() itself fails (Chromium missing, navigation timeout)', async () => {
    const { wa, supervisor } = setup();
    wa.initializeError = new Error('Navigation timeout of 30000 ms exceeded');
    await supervisor.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(supervisor.status()).toMatchObject({
      state: 'reconnecting',
      lastError: 'Navigation timeout of 30000 ms exceeded',
    });
    wa.initializeError = null;
    wa.autoReady = true;
    await vi.advanceTimersByTimeAsync(5000);
    expect(supervisor.status().state).toBe('ready');
    expect(wa.clients).toHaveLength(2);
  });

  it('alerts at once when Chromium cannot be found, and keeps retrying', async () => {
    const { wa, supervisor, alerts } = setup();
    wa.initializeError = new Error('Browser was not found at the configured executablePath (/usr/bin/chromium)');
    await supervisor.start();
    await vi.advanceTimersByTimeAsync(15_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Chromium tidak dapat dijalankan');
    expect(supervisor.status()).toMatchObject({ state: 'reconnecting', alert: alerts[0] });
    expect(wa.clients.length).toBeGreaterThan(1);
  });

  it('caps reconnects per hour, alerting once instead of looping', async () => {
    const { wa, supervisor, alerts } = setup({ baseDelayMs: 1000, maxDelayMs: 1000, maxAttemptsPerHour: 3 });
    await supervisor.start();
    for (let i = 0; i < 3; i++) {
      wa.current.emit('disconnected', 'TIMEOUT');
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(wa.clients).toHaveLength(4);
    wa.current.emit('disconnected', 'TIMEOUT');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('3 kali dalam satu jam');
    await vi.advanceTimersByTimeAsync(HOUR - 10_000);
    expect(wa.clients).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wa.clients).toHaveLength(5);
  });

  it('on LOGOUT goes to logged_out, alerts once and never restarts by itself', async () => {
    const { wa, supervisor, alerts, printed } = setup();
    await supervisor.start();
    wa.current.becomeReady();
    wa.current.emit('disconnected', 'LOGOUT');
    expect(supervisor.status()).toMatchObject({ state: 'logged_out', lastError: 'LOGOUT' });
    expect(supervisor.status().alert).toContain('pindai ulang kode QR');
    expect(alerts).toHaveLength(1);
    expect(supervisor.readyClient()).toBeNull();

    wa.current.emit('disconnected', 'LOGOUT');
    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(wa.clients).toHaveLength(1);
    expect(wa.current.initializeCalls).toBe(1);
    expect(alerts).toHaveLength(1);

    // The library reloads WA Web after a logout and shows a fresh QR: offer it, keep the alert.
    wa.current.emit('qr', '2@after-logout');
    await vi.advanceTimersByTimeAsync(0);
    expect(printed).toEqual(['2@after-logout']);
    expect(supervisor.status()).toMatchObject({ state: 'logged_out', qr: '2@after-logout' });
    wa.current.becomeReady();
    expect(supervisor.status()).toMatchObject({ state: 'ready', alert: undefined, qr: undefined });
  });

  it('treats auth_failure and a ban (TOS_BLOCK) the same way', async () => {
    for (const trigger of ['auth_failure', 'TOS_BLOCK'] as const) {
      const { wa, supervisor, alerts } = setup();
      await supervisor.start();
      if (trigger === 'auth_failure') wa.current.emit('auth_failure', 'restore session failed');
      else wa.current.emit('disconnected', 'TOS_BLOCK');
      await vi.advanceTimersByTimeAsync(24 * HOUR);
      expect(supervisor.status().state).toBe('logged_out');
      expect(alerts).toHaveLength(1);
      expect(wa.clients).toHaveLength(1);
      await supervisor.stop();
    }
  });

  it('restart() after a logout starts a fresh client and clears the alert', async () => {
    const { wa, supervisor } = setup();
    await supervisor.start();
    wa.current.emit('disconnected', 'LOGOUT');
    const old = wa.current;
    await supervisor.restart();
    expect(old.destroyed).toBe(true);
    expect(wa.clients).toHaveLength(2);
    expect(supervisor.status()).toMatchObject({ state: 'starting', alert: undefined });
    // Events of the replaced client are ignored.
    old.emit('ready');
    expect(supervisor.status().state).toBe('starting');
  });

  it('stop() cancels a pending reconnect and destroys the client', async () => {
    const { wa, supervisor } = setup();
    await supervisor.start();
    wa.current.emit('disconnected', 'NAVIGATION');
    await supervisor.stop();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(wa.clients).toHaveLength(1);
    expect(supervisor.status().state).toBe('stopped');
  });
});
