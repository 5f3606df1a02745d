// The shared contract suite every channel adapter passes. Each channel supplies a harness that drives its
// platform (a local fake server or a fake client) and the suite checks the same behaviour for all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, IncomingMessage, SendFailureKind } from '../../src/channels/contract.js';
import { ChannelSendError, formatAddress, parseAddress } from '../../src/channels/contract.js';

/** What a channel's test provides to the suite. */
export interface ContractHarness {
  adapter: ChannelAdapter;
  /** Makes the platform deliver one citizen text message; resolves when it has been handed over. */
  deliverText(text: string): Promise<void>;
  /** Makes the platform deliver a message the bot itself sent (must never reach the sink); absent where the
   * channel has no such thing (the web form). */
  deliverOwnMessage?(): Promise<void>;
  /** How many messages the platform has accepted from the bot. */
  sentCount(): number;
  /** Makes the platform fail the next send like it does for this kind of error; absent where the channel has
   * no platform to fail (the web form). */
  failNextSend?(kind: SendFailureKind): void;
  close(): Promise<void>;
}

/**
 * The harness of a channel with no platform in between (web form, Open311): nothing to fail and no own
 * messages to loop on, so the suite skips what does not apply. The adapter's own send is counted.
 */
export function platformlessHarness(
  adapter: ChannelAdapter,
  deliverText: (text: string) => Promise<void>,
): ContractHarness {
  let sent = 0;
  const send = adapter.send.bind(adapter);
  adapter.send = async (address, text) => {
    const receipt = await send(address, text);
    sent++;
    return receipt;
  };
  return { adapter, deliverText, sentCount: () => sent, close: async () => {} };
}

/** Registers the contract tests for one adapter. */
export function runAdapterContract(name: string, makeHarness: () => Promise<ContractHarness>) {
  describe(`adapter contract: ${name}`, () => {
    let h: ContractHarness;
    const received: IncomingMessage[] = [];
    const messages = () => received.filter((m) => m.event === undefined);
    const waitFor = async (n: number) => {
      const deadline = Date.now() + 5000;
      while (messages().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(messages().length).toBeGreaterThanOrEqual(n);
    };

    beforeEach(async () => {
      received.length = 0;
      h = await makeHarness();
      await h.adapter.start(async (m) => {
        received.push(m);
      });
    });
    afterEach(async () => {
      await h.adapter.stop();
      await h.close();
    });

    it('normalises an inbound text with a channel-prefixed reply address that round-trips', async () => {
      await h.deliverText('Lampu jalan mati di Jl. Ahmad Yani');
      await waitFor(1);
      const m = received[0] as IncomingMessage;
      expect(m.channel).toBe(h.adapter.name);
      expect(m.externalId).not.toBe('');
      expect(m.text).toContain('Lampu jalan mati di Jl. Ahmad Yani');
      expect(m.sender.externalId).not.toBe('');
      expect(m.raw).toBeTruthy();
      const { channel, id } = parseAddress(m.replyAddress);
      expect(channel).toBe(h.adapter.name);
      expect(formatAddress(channel, id)).toBe(m.replyAddress);
    });

    it("ignores the bot's own messages (loop guard)", async (t) => {
      if (!h.deliverOwnMessage) return t.skip();
      await h.deliverOwnMessage();
      await h.deliverText('pesan warga setelahnya');
      await waitFor(1);
      await new Promise((r) => setTimeout(r, 100));
      // Events about the bot's messages (a delivery status) may reach the sink; a message of its own may not.
      expect(messages()).toHaveLength(1);
      expect(messages()[0]?.text).toContain('pesan warga setelahnya');
    });

    it("returns the platform's message id when a send is accepted", async () => {
      await h.deliverText('halo');
      await waitFor(1);
      const receipt = await h.adapter.send((received[0] as IncomingMessage).replyAddress, 'Terima kasih.');
      expect(receipt.platformMessageId).not.toBe('');
      expect(h.sentCount()).toBe(1);
    });

    it('refuses an address of another channel as permanent', async () => {
      const other = h.adapter.name === 'web' ? 'telegram:1' : 'web:abc';
      await expect(h.adapter.send(other, 'x')).rejects.toMatchObject({ kind: 'permanent' });
    });

    for (const kind of ['rate_limited', 'transient', 'permanent'] as const) {
      it(`maps a platform ${kind} error to ChannelSendError(${kind})`, async (t) => {
        if (!h.failNextSend) return t.skip();
        await h.deliverText('halo');
        await waitFor(1);
        h.failNextSend(kind);
        const err = await h.adapter.send((received[0] as IncomingMessage).replyAddress, 'x').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ChannelSendError);
        expect((err as ChannelSendError).kind).toBe(kind);
        if (kind === 'rate_limited') expect((err as ChannelSendError).retryAfterMs).toBeGreaterThan(0);
      });
    }
  });
}
