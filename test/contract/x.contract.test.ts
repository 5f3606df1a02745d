import { createXAdapter } from '../../adapters/x/index.js';
import { createLogger } from '../../src/logger.js';
import { startFakeX, X_DEFAULT_ACCESS_TOKEN, X_DEFAULT_REFRESH_TOKEN } from '../fakes/x-api.js';
import { memoryStateStore } from '../fakes/x-state-store.js';
import { runAdapterContract } from './adapter-contract.js';

runAdapterContract('x', async () => {
  const fake = await startFakeX();
  const adapter = createXAdapter(
    {
      clientId: 'contract-client',
      clientSecret: 'contract-secret',
      accessToken: X_DEFAULT_ACCESS_TOKEN,
      refreshToken: X_DEFAULT_REFRESH_TOKEN,
      apiBaseUrl: fake.url,
      // Tiny so the suite's 5 s waits cover many polls; the fake allows 75 calls per endpoint per test.
      pollIntervalMs: 50,
    },
    { logger: createLogger('silent'), state: memoryStateStore() },
  );
  const handle = `@${fake.me.username}`;
  return {
    adapter,
    async deliverText(text) {
      fake.addMention({ text: `${handle} ${text}`, authorId: '2233445566', authorName: 'Ana', username: 'warga_ana' });
    },
    async deliverOwnMessage() {
      fake.addMention({
        text: `${handle} balasan akun kota sendiri`,
        authorId: fake.me.id,
        authorName: fake.me.name,
        username: fake.me.username,
      });
    },
    sentCount: () => fake.tweets.length + fake.dms.length,
    failNextSend(kind) {
      if (kind === 'rate_limited') {
        const resetEpochSec = Math.floor(Date.now() / 1000) + 900;
        fake.setRateLimit('POST /2/tweets', { limit: 100, remaining: 0, resetEpochSec });
      } else if (kind === 'transient') {
        fake.failNext('POST /2/tweets', { status: 503 });
      } else {
        fake.failNext('POST /2/tweets', {
          status: 403,
          detail: 'You are not allowed to create a Tweet with duplicate content.',
        });
      }
    },
    close: () => fake.close(),
  };
});
