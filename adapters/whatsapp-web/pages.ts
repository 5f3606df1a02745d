// What WhatsApp Web shows admins through the contract: its health in the channel list, and its own page
// (GET /admin/whatsapp: state, the QR to scan, the alert after a logout; POST /admin/whatsapp/restart). The
// HTTP layer checks the admin session; the QR links the city's number to this server, so officers never see it.
import type { ChannelHealth, ChannelHttp } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { renderWhatsAppStatusHtml } from './status-page.js';
import type { WaConnectionState, WaConnectionStatus } from './supervisor.js';

const HEALTH: Record<WaConnectionState, ChannelHealth['state']> = {
  ready: 'connected',
  authenticated: 'connected',
  qr: 'needs_qr',
  logged_out: 'needs_qr',
  starting: 'disconnected',
  reconnecting: 'disconnected',
  stopped: 'disconnected',
};

/** The session's state as the channel list shows it. */
export function whatsAppWebHealth(s: WaConnectionStatus): ChannelHealth {
  return { state: HEALTH[s.state], detail: s.alert ?? s.lastError ?? s.state, qrDataUrl: s.qrDataUrl };
}

/** Mounts the status page and the restart action. */
export function mountWhatsAppWebPages(
  http: ChannelHttp,
  session: { status(): WaConnectionStatus; restart(): Promise<void> },
  logger: Logger,
): void {
  const restartPath = '/admin/whatsapp/restart';
  http.adminPage('GET', '/admin/whatsapp', async () => ({
    html: renderWhatsAppStatusHtml(session.status(), { timeZone: http.timeZone, restartPath }),
  }));
  http.adminPage('POST', restartPath, async (admin) => {
    logger.warn({ channel: 'whatsapp', by: admin.email }, 'whatsapp web restart requested');
    await session.restart();
    return { redirect: '/admin/whatsapp' };
  });
}
