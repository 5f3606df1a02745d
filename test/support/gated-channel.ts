// A Telegram-named channel whose sends wait until the test opens the gate, so a send (and the outbox drain
// around it) can be held in flight.
import type { ChannelAdapter, SendReceipt } from '../../src/channels/contract.js';

export function gatedChannel() {
  const sent: string[] = [];
  let started = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((r) => {
    open = r;
  });
  const adapter: ChannelAdapter = {
    name: 'telegram',
    async start() {},
    async stop() {},
    async send(_address, text): Promise<SendReceipt> {
      started++;
      await gate;
      sent.push(text);
      return { platformMessageId: `${text}:${sent.length}` };
    },
  };
  return { adapter, sent, open, started: () => started };
}
