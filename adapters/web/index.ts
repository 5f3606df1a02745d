// The web channel: the public /lapor form. Submissions reach the intake through the HTTP routes
// (src/http/public-routes.ts). It has no push: replies are "delivered" by being shown on the complaint's
// public tracking page, so send() only validates the address and confirms.
import type { ChannelAdapter } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';

/** Creates the web adapter. */
export function createWebAdapter(): ChannelAdapter {
  return {
    name: 'web',
    async start() {},
    async stop() {},
    async send(address) {
      const { channel, id } = parseAddress(address);
      if (channel !== 'web') throw new ChannelSendError(`not a web address: ${address}`, 'permanent');
      return { platformMessageId: `web:${id}:${Date.now()}` };
    },
  };
}
