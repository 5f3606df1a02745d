// The WhatsApp Cloud adapter pointed at the fake Graph API, as the contract and end-to-end tests build it:
// only the verify token, the template and the deps (clock, customer-service window) differ between them.
import {
  createWhatsAppCloudAdapter,
  type WhatsAppCloudAdapter,
  type WhatsAppCloudDeps,
} from '../../adapters/whatsapp-cloud/index.js';
import { lastInboundAt } from '../../src/app/reporters.js';
import { createLogger } from '../../src/logger.js';
import type { Runtime, RuntimeDeps } from '../../src/runtime.js';
import { type FakeWhatsAppCloud, startFakeWhatsAppCloud, WHATSAPP_GRAPH_API_VERSION } from '../fakes/whatsapp-cloud.js';
import type { TestDatabase } from './databases.js';
import { startTestRuntime } from './runtime.js';

/** The secrets a test starts the fake with; the adapter must present the same ones. */
export interface WhatsAppSecrets {
  appSecret: string;
  accessToken: string;
}

/** The template every test sends outside the 24-hour window (the fake accepts any approved name). */
export const WHATSAPP_TEMPLATE = 'pembaruan_laporan';

/** A real adapter talking to `fake`, with a silent logger unless `deps` brings one. */
export function whatsAppCloudAdapterFor(
  fake: FakeWhatsAppCloud,
  secrets: WhatsAppSecrets,
  verifyToken: string,
  deps: Omit<WhatsAppCloudDeps, 'logger'>,
): WhatsAppCloudAdapter {
  return createWhatsAppCloudAdapter(
    {
      graphBaseUrl: fake.url,
      apiVersion: WHATSAPP_GRAPH_API_VERSION,
      phoneNumberId: fake.phoneNumberId,
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      verifyToken,
      templateName: WHATSAPP_TEMPLATE,
      templateLanguage: 'id',
    },
    { logger: createLogger('silent'), ...deps },
  );
}

/**
 * A fake Graph API and the product on `database` receiving WhatsApp through the real adapter. The adapter reads
 * the 24-hour window from the identity intake keeps (the runtime opens the database, so lazily); `adapterNow`
 * moves the adapter's clock, `runtime` adds runtime deps, `env` other channels' settings.
 */
export async function startWhatsAppCloudRuntime(
  database: TestDatabase,
  secrets: WhatsAppSecrets,
  verifyToken: string,
  options: { env?: Record<string, string>; adapterNow?: () => Date; runtime?: Partial<RuntimeDeps> } = {},
): Promise<{ fake: FakeWhatsAppCloud; rt: Runtime }> {
  const fake = await startFakeWhatsAppCloud(secrets);
  let rt: Runtime | undefined;
  const lastInbound = (address: string) => {
    if (!rt) throw new Error('a send before the runtime started');
    return lastInboundAt(rt.ctx.db, address);
  };
  const adapter = whatsAppCloudAdapterFor(fake, secrets, verifyToken, { lastInbound, now: options.adapterNow });
  rt = await startTestRuntime(
    { DATABASE_URL: database.url, ...options.env },
    { adapters: [adapter], ...options.runtime },
  );
  return { fake, rt };
}
