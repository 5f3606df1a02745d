import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { createLogger } from '../../src/logger.js';
import { FakeWhatsApp } from '../../test/fakes/whatsapp-web-client.js';
import { WhatsAppDownloadError } from './errors.js';
import { createWhatsAppWebAdapter, type WhatsAppWebAdapter } from './index.js';
import type { WhatsAppWebConfig } from './types.js';

const CITIZEN = '6281234567890@c.us';
const CONFIG: WhatsAppWebConfig = { sessionDir: 'x', clientId: 'unit', chromiumPath: '/x', headless: true };

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('WhatsApp Web adapter', () => {
  let adapter: WhatsAppWebAdapter;
  afterEach(async () => {
    await adapter?.stop();
  });

  async function started(opts: { minSendIntervalMs?: number; sink?: (m: IncomingMessage) => Promise<void> } = {}) {
    const wa = new FakeWhatsApp();
    const received: IncomingMessage[] = [];
    adapter = createWhatsAppWebAdapter(
      { ...CONFIG, minSendIntervalMs: opts.minSendIntervalMs ?? 0 },
      { logger: createLogger('silent'), createClient: wa.createClient, printQr: () => undefined },
    );
    await adapter.start(opts.sink ?? (async (m) => void received.push(m)));
    await until(() => adapter.status().state === 'ready');
    return { wa, received };
  }

  it('refuses to send before WhatsApp is connected, as transient', async () => {
    const wa = new FakeWhatsApp();
    wa.autoReady = false;
    adapter = createWhatsAppWebAdapter(CONFIG, { logger: createLogger('silent'), createClient: wa.createClient });
    await adapter.start(async () => undefined);
    await expect(adapter.send(`whatsapp:${CITIZEN}`, 'x')).rejects.toMatchObject({
      kind: 'transient',
      message: 'WhatsApp belum terhubung',
    });
  });

  it('never writes to a group, a status broadcast or a malformed id', async () => {
    const { wa } = await started();
    for (const id of ['120363041234567890@g.us', 'status@broadcast', '0812 345', '6281234567890']) {
      await expect(adapter.send(`whatsapp:${id}`, 'x')).rejects.toMatchObject({ kind: 'permanent' });
    }
    expect(wa.sent).toEqual([]);
  });

  it('sends to the wid without link previews and returns the serialized id', async () => {
    const { wa } = await started();
    const receipt = await adapter.send(`whatsapp:${CITIZEN}`, 'Laporan diterima');
    expect(wa.sent).toEqual([
      { to: CITIZEN, body: 'Laporan diterima', options: { linkPreview: false }, id: receipt.platformMessageId },
    ]);
  });

  it('spaces sends out by minSendIntervalMs', async () => {
    await started({ minSendIntervalMs: 150 });
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map((i) => adapter.send(`whatsapp:${CITIZEN}`, `pesan ${i}`)));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("hands one chat's messages over in order, and retries a failed store", async () => {
    const order: string[] = [];
    let failures = 1;
    const { wa } = await started({
      sink: async (m) => {
        if (m.text === 'satu' && failures-- > 0) throw new Error('database is locked');
        order.push(m.text);
      },
    });
    wa.deliver(wa.text(CITIZEN, 'satu'));
    wa.deliver(wa.text(CITIZEN, 'dua'));
    await until(() => order.length === 2, 5000);
    expect(order).toEqual(['satu', 'dua']);
  });

  it('keeps trying to store a message for as long as the database is away, then hands over the rest in order', async () => {
    let failures = 6;
    const order: string[] = [];
    const { wa } = await started({
      sink: async (m) => {
        if (m.text === 'satu' && failures-- > 0) throw new Error('database is locked');
        order.push(m.text);
      },
    });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      wa.deliver(wa.text(CITIZEN, 'satu'));
      wa.deliver(wa.text(CITIZEN, 'dua'));
      // Six failures back off 1 + 2 + 4 + 8 + 16 + 32 s; the old adapter gave up after the third.
      for (let i = 0; i < 8 && order.length < 2; i++) await vi.advanceTimersByTimeAsync(60_000);
    } finally {
      vi.useRealTimers();
    }
    expect(order).toEqual(['satu', 'dua']);
    expect(failures).toBe(-1);
  });

  it('downloads a recent photo, and checks size and type first', async () => {
    const { wa, received } = await started();
    const photo = wa.deliver(wa.image(CITIZEN, 'foto', Buffer.from('abc')));
    await until(() => received.length === 1);
    const fileId = received[0]?.attachments[0]?.platformFileId ?? '';
    expect(await adapter.download(fileId, 100)).toEqual({ bytes: Buffer.from('abc'), mimeType: 'image/jpeg' });
    await expect(adapter.download(fileId, 2)).rejects.toMatchObject({ reason: 'too_large', retryable: false });
    const svg = wa.deliver(wa.image(CITIZEN, '', Buffer.from('<svg/>'), 'image/svg+xml'));
    await expect(adapter.download(svg.id._serialized, 100)).rejects.toMatchObject({ reason: 'unsupported_type' });
    await expect(adapter.download('false_x@c.us_NOPE', 100)).rejects.toBeInstanceOf(WhatsAppDownloadError);
    expect(photo.id._serialized).toBe(fileId);
  });

  it('reports expired media as retryable', async () => {
    const { wa } = await started();
    const photo = wa.deliver({ ...wa.image(CITIZEN, 'foto'), downloadMedia: async () => undefined });
    await expect(adapter.download(photo.id._serialized, 100)).rejects.toMatchObject({
      reason: 'expired',
      retryable: true,
    });
  });

  it('exposes status and restart for the admin page', async () => {
    const { wa } = await started();
    expect(adapter.status().state).toBe('ready');
    await adapter.restart();
    await until(() => adapter.status().state === 'ready');
    expect(wa.clients).toHaveLength(2);
    expect(wa.clients[0]?.destroyed).toBe(true);
  });
});
