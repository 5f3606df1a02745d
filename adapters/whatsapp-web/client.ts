// Builds the real whatsapp-web.js client. Kept apart so nothing else imports the library: loading it pulls in
// puppeteer, which tests and the other channels never need.
import type { WaClientPort, WhatsAppWebConfig } from './types.js';

/** Chromium flags for running as a service: no user namespaces in containers, small /dev/shm in Docker. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage'];

/** A whatsapp-web.js Client with LocalAuth (session kept on disk) driving the system Chromium. */
export async function createWhatsAppWebClient(config: WhatsAppWebConfig): Promise<WaClientPort> {
  // Dynamic import: the library is CommonJS, so its exports arrive on `default`.
  const { default: wweb } = await import('whatsapp-web.js');
  const client = new wweb.Client({
    authStrategy: new wweb.LocalAuth({ clientId: config.clientId, dataPath: config.sessionDir }),
    puppeteer: { executablePath: config.chromiumPath, headless: config.headless, args: CHROMIUM_ARGS },
  });
  // The Client satisfies the port structurally; only the port's narrower types are visible from here on.
  const port: WaClientPort = client;
  return port;
}
