// The Open311 GeoReport v2 channel: other city systems file complaints through the standard's POST Service
// Request (routes in src/http/open311/routes.ts). Like the web form it has no push: the reporter's system
// reads progress back through GET Service Requests, so send() only validates the address.
import { randomUUID } from 'node:crypto';
import type { Open311Adapter } from '../../src/channels/open311-door.js';
import { createPullChannel } from '../../src/channels/pull-channel.js';
import { parseOpen311Request } from './parse.js';

export { isOpen311Adapter, type Open311Adapter } from '../../src/channels/open311-door.js';

/** Settings of the Open311 channel (from config.ts). */
export interface Open311AdapterConfig {
  /** The api_key a POST must carry; undefined accepts requests without one. */
  apiKey: string | undefined;
}

/** Creates the Open311 adapter. */
export function createOpen311Adapter(config: Open311AdapterConfig): Open311Adapter {
  const { adapter, deliver } = createPullChannel('open311');
  return {
    ...adapter,
    apiKey: config.apiKey,
    async receive(request, receivedAt, requestId) {
      const externalId = requestId ? `r:${requestId}` : `n:${randomUUID()}`;
      return deliver(parseOpen311Request(request, externalId, receivedAt));
    },
  };
}
