// Hands WhatsApp Web messages to the sink. WA Web never redelivers a message we failed to store, so each
// message is retried until it is stored, and messages of one chat are handed over in the order WhatsApp
// emitted them.
import type { InboundSink, IncomingMessage } from '../../src/channels/contract.js';
import type { Logger } from '../../src/logger.js';
import { sleep } from './pace.js';

/** Pauses between attempts to store a message: 1 s, 2 s, 4 s ... up to a minute, for as long as it takes. */
const SINK_BACKOFF_MS = { first: 1_000, max: 60_000 };

/** Messages on their way to the sink, one chain of them per chat. */
export interface InboundQueue {
  logger: Logger;
  sink: InboundSink | null;
  chains: Map<string, Promise<void>>;
}

/** One chain per chat keeps a citizen's messages in order without making other chats wait. */
export function enqueue(queue: InboundQueue, message: IncomingMessage): void {
  const { chains } = queue;
  const key = message.sender.externalId;
  const next = (chains.get(key) ?? Promise.resolve()).then(() => deliver(queue, message));
  chains.set(key, next);
  void next.finally(() => {
    if (chains.get(key) === next) chains.delete(key);
  });
}

/** Resolves once every message received so far has reached the sink. */
export async function drain(queue: InboundQueue): Promise<void> {
  await Promise.allSettled([...queue.chains.values()]);
}

/**
 * Hands one message to the sink, retrying until it is stored: WhatsApp Web does not deliver a message event
 * twice, so giving up would lose it. The chat's later messages wait behind it, in order.
 */
async function deliver(queue: InboundQueue, message: IncomingMessage): Promise<void> {
  const { logger } = queue;
  let pause = SINK_BACKOFF_MS.first;
  for (let attempt = 1; ; attempt++) {
    try {
      if (!queue.sink) throw new Error('whatsapp channel not started');
      await queue.sink(message);
      return;
    } catch (err) {
      // The full normalised message is in the log line, so it can be replayed by hand if the process dies.
      const log = attempt >= 3 ? logger.error.bind(logger) : logger.warn.bind(logger);
      log({ err, attempt, message }, 'whatsapp message not stored yet; retrying');
      await sleep(pause);
      pause = Math.min(pause * 2, SINK_BACKOFF_MS.max);
    }
  }
}
