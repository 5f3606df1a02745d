// The Open311 GeoReport v2 channel: other city systems file complaints through the standard's POST Service
// Request (routes in src/http/open311-routes.ts). Like the web form it has no push: the reporter's system
// reads progress back through GET Service Requests, so send() only validates the address.
import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, InboundResult } from '../../src/channels/contract.js';
import { createPullChannel } from '../../src/channels/pull-channel.js';
import { parseOpen311Request } from './parse.js';
import type { Open311Request } from './types.js';

/** Settings of the Open311 channel (from config.ts). */
export interface Open311AdapterConfig {
  /** The api_key a POST must carry; undefined accepts requests without one. */
  apiKey: string | undefined;
}

/** The Open311 adapter: the contract plus the entry point the HTTP routes use. */
export interface Open311Adapter extends ChannelAdapter {
  readonly apiKey: string | undefined;
  /**
   * Files a request; resolves once it is stored (and processed) by the sink. With `requestId` a retried POST
   * files nothing new and answers what the first one made; without it every POST is a new request.
   */
  receive(request: Open311Request, receivedAt: Date, requestId?: string): Promise<InboundResult | null>;
}

/** Whether an adapter is the Open311 one. */
export function isOpen311Adapter(a: ChannelAdapter | undefined): a is Open311Adapter {
  return a?.name === 'open311' && 'receive' in a;
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
