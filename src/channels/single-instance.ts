// Runs an adapter's inbound side (polling) on one instance at a time, chosen by a database lease; every
// instance can still send through it. Used for Telegram long polling and X polling when several instances
// share one database.
import type { Lease } from '../app/lease.js';
import type { Logger } from '../logger.js';
import type { ChannelAdapter, InboundSink } from './contract.js';

/** Wraps `adapter` so that start() only begins polling while this instance holds `lease`. */
export function singleInstance(
  adapter: ChannelAdapter,
  lease: Lease,
  logger: Logger,
  checkEveryMs: number,
): ChannelAdapter {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let tick: Promise<void> = Promise.resolve();

  async function check(sink: InboundSink) {
    let holds = false;
    try {
      holds = await lease.tryAcquire();
    } catch (err) {
      logger.warn({ err, channel: adapter.name }, 'lease check failed');
    }
    if (holds && !running) {
      running = true;
      logger.info({ channel: adapter.name }, 'this instance now receives for the channel');
      await adapter
        .start(sink)
        .catch((err: unknown) => logger.error({ err, channel: adapter.name }, 'channel failed to start'));
    } else if (!holds && running) {
      running = false;
      logger.warn({ channel: adapter.name }, 'lease lost: another instance receives for the channel');
      await adapter.stop();
    }
  }

  return {
    name: adapter.name,
    async start(sink) {
      await check(sink);
      timer = setInterval(() => {
        tick = tick.then(() => check(sink));
      }, checkEveryMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await tick;
      if (running) await adapter.stop();
      running = false;
      await lease.release().catch(() => undefined);
    },
    send: (address, text) => adapter.send(address, text),
    ...(adapter.webhook ? { webhook: adapter.webhook.bind(adapter) } : {}),
    ...(adapter.download ? { download: adapter.download.bind(adapter) } : {}),
  };
}
