// The web channel: the public /lapor form. The HTTP route hands each validated submission to receive(),
// which normalises it and passes it to the intake sink like any other channel. It has no push: replies are
// "delivered" by being shown on the complaint's public tracking page, so send() only validates the address.
import type { ChannelAdapter, InboundSink } from '../../src/channels/contract.js';
import { ChannelSendError, parseAddress } from '../../src/channels/contract.js';
import { parseWebSubmission } from './parse.js';
import type { WebSubmission } from './types.js';

/** The web adapter: the contract plus the entry point the HTTP form uses. */
export interface WebAdapter extends ChannelAdapter {
  /** Resolves once the submission is stored (and processed) by the sink. */
  receive(submission: WebSubmission, receivedAt: Date): Promise<void>;
}

/** Creates the web adapter. */
export function createWebAdapter(): WebAdapter {
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
    async receive(submission, receivedAt) {
      if (!sink) throw new Error('the web channel is not started');
      await sink(parseWebSubmission(submission, receivedAt));
    },
  };
}
