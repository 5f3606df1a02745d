import { createTelegramAdapter } from '../../adapters/telegram/index.js';
import { createLogger } from '../../src/logger.js';
import { startFakeTelegram } from '../fakes/telegram-bot-api.js';
import { runAdapterContract } from './adapter-contract.js';

runAdapterContract('telegram', async () => {
  const fake = await startFakeTelegram();
  const adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.url }, createLogger('silent'));
  const chat = 777;
  return {
    adapter,
    async deliverText(text) {
      fake.pushUpdate(fake.textUpdate(chat, text));
    },
    async deliverOwnMessage() {
      fake.pushUpdate(
        fake.textUpdate(chat, 'balasan bot sendiri', { id: 7000000001, is_bot: true, first_name: 'Bot' }),
      );
    },
    sentCount: () => fake.sent.length,
    failNextSend(kind) {
      if (kind === 'rate_limited') fake.failNext('sendMessage', { status: 429, retryAfter: 3 });
      else if (kind === 'transient') fake.failNext('sendMessage', { status: 500 });
      else fake.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
    },
    close: () => fake.close(),
  };
});
