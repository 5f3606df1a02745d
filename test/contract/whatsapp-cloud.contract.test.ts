// The shared adapter contract against the WhatsApp Cloud API adapter: inbound through its webhook handler
// with payloads signed like Meta signs them, outbound to the fake Graph API.
import { createWhatsAppCloudAdapter } from '../../adapters/whatsapp-cloud/index.js';
import type { WebhookRequest } from '../../src/channels/contract.js';
import { createLogger } from '../../src/logger.js';
import { startFakeWhatsAppCloud, type WaWebhook, WHATSAPP_GRAPH_API_VERSION } from '../fakes/whatsapp-cloud.js';
import { newWamid } from '../fakes/whatsapp-payloads.js';
import { runAdapterContract } from './adapter-contract.js';

runAdapterContract('whatsapp-cloud', async () => {
  const secrets = { appSecret: 'contract-app-secret', accessToken: 'contract-access-token' };
  const fake = await startFakeWhatsAppCloud(secrets);
  const adapter = createWhatsAppCloudAdapter(
    {
      graphBaseUrl: fake.url,
      apiVersion: WHATSAPP_GRAPH_API_VERSION,
      phoneNumberId: fake.phoneNumberId,
      accessToken: secrets.accessToken,
      appSecret: secrets.appSecret,
      verifyToken: 'contract-verify-token',
      templateName: 'pembaruan_laporan',
      templateLanguage: 'id',
    },
    // No intake here to record the sender: every reply counts as inside the 24-hour window (the e2e test
    // covers the window itself, read from ChannelIdentity.lastInboundAt).
    { logger: createLogger('silent'), lastInbound: async () => new Date() },
  );
  const waId = '6281234567890';

  async function post(payload: WaWebhook): Promise<void> {
    const { rawBody, headers } = fake.signedWebhook(payload);
    const req: WebhookRequest = { method: 'POST', query: {}, headers, rawBody: Buffer.from(rawBody) };
    const res = await adapter.webhook(req);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  return {
    adapter,
    deliverText: (text) => post(fake.textWebhook({ from: waId, name: 'Siti Aminah', body: text })),
    async deliverOwnMessage() {
      // What Meta sends about our own messages: delivery receipts, and (echo-like) a message from our number.
      const ours = fake.sent.at(-1)?.wamid ?? newWamid(waId);
      await post(fake.statusWebhook({ id: ours, status: 'delivered', recipientId: waId }));
      await post(fake.textWebhook({ from: fake.displayPhoneNumber, body: 'balasan bot sendiri' }));
    },
    sentCount: () => fake.sent.length,
    failNextSend(kind) {
      if (kind === 'rate_limited')
        fake.failNextSend({ status: 400, code: 130429, message: '(#130429) Rate limit hit' });
      else if (kind === 'transient') fake.failNextSend({ status: 500, code: 131000, message: 'Something went wrong' });
      else fake.failNextSend({ status: 401, code: 190, message: 'Error validating access token: Session has expired' });
    },
    close: () => fake.close(),
  };
});
