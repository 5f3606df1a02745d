// The shared half of channels that push nothing: the web form and Open311. Their HTTP routes hand each request
// to the adapter, which passes it to the intake sink; a reply is read back by the reporter (the private page,
// GET Service Requests), so send() only checks that the address is the channel's own.
import {
  type ChannelAdapter,
  type ChannelName,
  ChannelSendError,
  type InboundResult,
  type InboundSink,
  type IncomingMessage,
  parseAddress,
} from './contract.js';

/** The contract's members of a pull channel, and `deliver`, which hands a normalised message to the sink. */
export function createPullChannel(name: ChannelName) {
  let sink: InboundSink | null = null;
  const adapter: ChannelAdapter = {
    name,
    async start(s) {
      sink = s;
    },
    async stop() {
      sink = null;
    },
    async send(address) {
      const { channel, id } = parseAddress(address);
      if (channel !== name) throw new ChannelSendError(`not a ${name} address: ${address}`, 'permanent');
      return { platformMessageId: `${name}:${id}:${Date.now()}` };
    },
  };
  /** Stores (and processes) one message; what intake made, or null. */
  async function deliver(message: IncomingMessage): Promise<InboundResult | null> {
    if (!sink) throw new Error(`the ${name} channel is not started`);
    return (await sink(message)) ?? null;
  }
  return { adapter, deliver };
}
