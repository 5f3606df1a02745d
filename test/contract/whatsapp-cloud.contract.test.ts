// The shared adapter contract against the WhatsApp Cloud API adapter: inbound through its webhook handler
// with payloads signed like Meta signs them, outbound to the fake Graph API.
import type { WebhookRequest } from '../../src/channels/contract.js';
import { startFakeWhatsAppCloud, type WaWebhook } from '../fakes/whatsapp-cloud.js';
import { newWamid } from '../fakes/whatsapp-payloads.js';
import { whatsAppCloudAdapterFor } from '../support/whatsapp-cloud-adapter.js';
import { runAdapterContract } from './adapter-contract.js';

runAdapterContract('whatsapp-cloud', async () => {
  const secrets = { appSecret: 'contract-app-secret', accessToken: 'contract-access-token' };
  const fake = await startFakeWhatsAppCloud(secrets);
  // No intake here to record the sender: every reply counts as inside the 24-hour window (the e2e test
  // covers the window itself, read from ChannelIdentity.lastInboundAt).
  const adapter = whatsAppCloudAdapterFor(fake, secrets, 'contract-verify-token', {
    lastInbound: async () => new Date(),
  });
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
