// Mounts each adapter's webhook at /webhooks/<channel>. Bodies stay raw bytes here: signatures
// (WhatsApp's X-Hub-Signature-256, X's CRC) are computed over the exact bytes the platform sent.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter, ChannelName, WebhookResponse } from '../channels/contract.js';
import { type Db, isUniqueViolation } from '../db/client.js';

/** Registers GET and POST /webhooks/:channel for adapters that implement `webhook`. */
export async function registerWebhookRoutes(
  app: FastifyInstance,
  db: Db,
  adapters: ReadonlyMap<ChannelName, ChannelAdapter>,
) {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.route<{ Params: { channel: string }; Querystring: Record<string, string | undefined> }>({
      method: ['GET', 'POST'],
      url: '/webhooks/:channel',
      handler: async (req, reply) => {
        const adapter = adapters.get(req.params.channel as ChannelName);
        if (!adapter?.webhook) {
          return reply
            .status(404)
            .send({ error: { code: 'not_found', message: `no webhook for ${req.params.channel}` } });
        }
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
        const res = await adapter.webhook({
          method: req.method === 'GET' ? 'GET' : 'POST',
          query: req.query,
          headers,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        });
        // A signed but malformed payload is kept for inspection: nothing that arrived is lost.
        if (res.status === 400 && req.method === 'POST') await keepMalformed(db, adapter.name, req.body, res);
        // Parts of an accepted batch the adapter could not read: kept the same way, the rest was processed.
        for (const part of res.malformed ?? []) {
          const raw = Buffer.from(JSON.stringify(part.raw) ?? 'null');
          await keepMalformed(db, adapter.name, raw, { status: 200, body: { error: part.error } });
        }
        reply.status(res.status);
        if (typeof res.body === 'string') return reply.type('text/plain; charset=utf-8').send(res.body);
        return reply.send(res.body ?? {});
      },
    });
  });
}

async function keepMalformed(db: Db, channel: ChannelName, body: unknown, res: WebhookResponse) {
  const raw = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  try {
    await db.message.create({
      data: {
        channel,
        externalId: `malformed:${createHash('sha256').update(raw).digest('hex')}`,
        direction: 'inbound',
        kind: 'malformed',
        payload: JSON.stringify({ raw: raw.toString('utf8').slice(0, 200_000) }),
        // "rejected", not "failed": the recovery job retries failed messages, and this one cannot be parsed.
        state: 'rejected',
        error: JSON.stringify(res.body ?? null).slice(0, 1000),
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
}
