import { randomBytes } from 'node:crypto';
import { createWebAdapter } from '../../adapters/web/index.js';
import { runAdapterContract } from './adapter-contract.js';

// The web form has no platform between the citizen and us: no own messages to loop on and no platform errors
// to map, so the harness leaves those out and the suite skips what does not apply.
runAdapterContract('web', async () => {
  const adapter = createWebAdapter();
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
      const submissionId = randomBytes(16).toString('base64url');
      await adapter.receive({ submissionId, text, privacy: 'named' }, new Date(), `reporter-${submissionId}`);
    },
    sentCount: () => sent,
    close: async () => {},
  };
});
