// The web channel: the public /lapor form. It has no push: replies are "delivered" by being shown on the
// complaint's public tracking page, so send() only validates the address and confirms.
import type { ChannelAdapter, InboundSink } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';

/** Creates the web adapter; the HTTP routes feed submissions to the sink given to start(). */
export function createWebAdapter(): ChannelAdapter & { sink(): InboundSink } {
  let sink: InboundSink | null = null;
  return {
    name: 'web',
    async start(s) {
      sink = s;
    },
    async stop() {
      sink = null;
    },
    async send(address) {
      const { channel, id } = parseAddress(address);
      if (channel !== 'web') throw new ChannelSendError(`not a web address: ${address}`, 'permanent');
      return { platformMessageId: `web:${id}:${Date.now()}` };
    },
    sink() {
      if (!sink) throw new Error('web channel not started');
      return sink;
    },
  };
}
