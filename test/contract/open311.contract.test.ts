import { createOpen311Adapter } from '../../adapters/open311/index.js';
import { platformlessHarness, runAdapterContract } from './adapter-contract.js';

// Open311 requests come from another city system straight to our HTTP routes: like the web form there are
// no own messages to loop on and no platform errors to map, so the harness leaves those out.
runAdapterContract('open311', async () => {
  const adapter = createOpen311Adapter({ apiKey: undefined });
  return platformlessHarness(adapter, async (text) => {
    await adapter.receive(
      { service_code: 'DPUTR', description: text, address_string: 'Jl. Ciwaduk Raya, Cilegon' },
      new Date(),
    );
  });
});
