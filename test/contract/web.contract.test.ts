import { randomBytes } from 'node:crypto';
import { createWebAdapter } from '../../adapters/web/index.js';
import { platformlessHarness, runAdapterContract } from './adapter-contract.js';

// The web form has no platform between the citizen and us: no own messages to loop on and no platform errors
// to map, so the harness leaves those out and the suite skips what does not apply.
runAdapterContract('web', async () => {
  const adapter = createWebAdapter();
  return platformlessHarness(adapter, async (text) => {
    const submissionId = randomBytes(16).toString('base64url');
    await adapter.receive({ submissionId, text, privacy: 'named' }, new Date(), `reporter-${submissionId}`);
  });
});
