import { describe, expect, it } from 'vitest';
import { printQrToTerminal, qrToDataUrl, renderQrForTerminal } from './qr.js';
import { renderWhatsAppStatusHtml } from './status-page.js';

const since = new Date('2026-11-28T03:00:00Z');

describe('renderWhatsAppStatusHtml', () => {
  it('shows the QR as an image with instructions, and refreshes itself every 5 s', () => {
    const html = renderWhatsAppStatusHtml(
      { state: 'qr', qr: '2@abc', qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=', since },
      { restartPath: '/admin/whatsapp/restart' },
    );
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain('Menunggu pemindaian kode QR');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('Perangkat tertaut');
    expect(html).toContain('sejak 28 Nov 2026, 10.00.00');
    expect(html).toContain('action="/admin/whatsapp/restart"');
  });

  it('shows the alert after a logout, escaped', () => {
    const html = renderWhatsAppStatusHtml({
      state: 'logged_out',
      alert: 'WhatsApp Web keluar (LOGOUT) <script>',
      lastError: 'LOGOUT',
      since,
    });
    expect(html).toContain('Keluar dari WhatsApp');
    expect(html).toContain('role="alert">WhatsApp Web keluar (LOGOUT) &lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<form');
  });

  it('says it is connected, without QR, error or restart button', () => {
    const html = renderWhatsAppStatusHtml(
      { state: 'ready', lastError: 'disconnected: NAVIGATION', since },
      { restartPath: '/admin/whatsapp/restart' },
    );
    expect(html).toContain('Terhubung');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('Kesalahan terakhir');
    expect(html).not.toContain('<form');
  });

  it('tells when the next reconnect is due', () => {
    const html = renderWhatsAppStatusHtml({
      state: 'reconnecting',
      lastError: 'disconnected: NAVIGATION',
      nextReconnectAt: new Date('2026-11-28T03:00:10Z'),
      since,
    });
    expect(html).toContain('Percobaan berikutnya: 28 Nov 2026, 10.00.10');
    expect(html).toContain('Kesalahan terakhir: disconnected: NAVIGATION');
  });
});

describe('QR rendering', () => {
  it('renders a terminal QR and prints it with instructions', () => {
    const text = renderQrForTerminal('2@abc,def,ghi');
    expect(text.split('\n').length).toBeGreaterThan(10);
    let printed = '';
    printQrToTerminal('2@abc,def,ghi', (t) => {
      printed += t;
    });
    expect(printed).toContain('Tautkan perangkat');
    expect(printed).toContain(text);
  });

  it('renders a PNG data URL for the status page', async () => {
    expect(await qrToDataUrl('2@abc,def,ghi')).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
  });
});
