// The shared adapter contract against the WhatsApp Web adapter, driven by a fake whatsapp-web.js client.

import { createWhatsAppWebAdapter } from '../../adapters/whatsapp-web/index.js';
import { createLogger } from '../../src/logger.js';
import { FakeWhatsApp } from '../fakes/whatsapp-web-client.js';
import { eventually } from '../support/runtime.js';
import { runAdapterContract } from './adapter-contract.js';

const CONFIG = {
  sessionDir: 'unused-in-tests',
  clientId: 'contract',
  chromiumPath: '/nonexistent',
  headless: true,
  minSendIntervalMs: 0,
};

/** What whatsapp-web.js / puppeteer actually throw for each kind (see adapters/whatsapp-web/errors.ts). */
const ERRORS = {
  rate_limited: new Error('Evaluation failed: Error: too many requests'),
  transient: new Error(
    'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.',
  ),
  permanent: new Error('Evaluation failed: Error: wid error: invalid wid'),
} as const;

runAdapterContract('whatsapp-web', async () => {
  const wa = new FakeWhatsApp();
  const adapter = createWhatsAppWebAdapter(CONFIG, {
    logger: createLogger('silent'),
    createClient: wa.createClient,
    printQr: () => undefined,
  });
  const citizen = '6281234567890@c.us';
  const ready = () => eventually(async () => adapter.status().state === 'ready');
  return {
    adapter,
    async deliverText(text) {
      await ready();
      wa.deliver(wa.text(citizen, text));
    },
    async deliverOwnMessage() {
      await ready();
      const own = wa.text(citizen, 'balasan bot sendiri');
      wa.deliver({ ...own, fromMe: true, id: { ...own.id, fromMe: true, _serialized: `true_${citizen}_OWN1` } });
    },
    sentCount: () => wa.sent.length,
    failNextSend(kind) {
      wa.failNextSend(ERRORS[kind]);
    },
    close: async () => undefined,
  };
});
