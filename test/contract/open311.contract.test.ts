import { createOpen311Adapter } from '../../adapters/open311/index.js';
import { runAdapterContract } from './adapter-contract.js';

// Open311 requests come from another city system straight to our HTTP routes: like the web form there are
// no own messages to loop on and no platform errors to map, so the harness leaves those out.
runAdapterContract('open311', async () => {
  const adapter = createOpen311Adapter({ apiKey: undefined });
  let sent = 0;
  const send = adapter.send.bind(adapter);
  adapter.send = async (address, text) => {
    const receipt = await send(address, text);
    sent++;
    return receipt;
  };
  return {
    adapter,
    async deliverText(text) {
      await adapter.receive(
        { service_code: 'DPUTR', description: text, address_string: 'Jl. Ciwaduk Raya, Cilegon' },
        new Date(),
      );
    },
    sentCount: () => sent,
    close: async () => {},
  };
});
