// The soak bench's load: Telegram webhook updates, signed WhatsApp Cloud webhooks and web-form reports, each
// from a new citizen, at a steady rate spread round-robin over the instances that are up. A request refused
// (connection closed, 5xx, 503 from a stopping instance) goes to the next instance, as the platforms redeliver
// and a load balancer retries: the bench then checks that every accepted message was stored exactly once.
import { randomBytes } from 'node:crypto';
import type { FakeTelegram } from '../test/fakes/telegram-bot-api.js';
import type { FakeWhatsAppCloud } from '../test/fakes/whatsapp-cloud.js';
import type { Instance } from './soak-instances.js';

export const TELEGRAM_SECRET = 'soak_webhook_secret_0123456789';
const TEXTS = [
  'Jalan berlubang di depan SDN 3 Jombang sudah dua bulan belum diperbaiki',
  'lampu jalan mati di jl ahmad yani udh seminggu gelap sekali',
  'sampah numpuk di TPS Kebondalem gak diangkut 3 hari bau sekali',
  'air pdam mati dari subuh di perum bumi waringin mohon dicek',
  'Saluran air tersumbat di Jl. Sudirman, kalau hujan banjir',
];

export type Channel = 'telegram' | 'whatsapp' | 'web';
export interface LoadStats {
  accepted: Record<Channel, number>;
  /** Requests that had to go to another instance (refused, 5xx, 503 while stopping). */
  redirected: number;
  /** Messages never accepted by any instance within the retry window. */
  gaveUp: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
}

interface Request {
  channel: Channel;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The i-th message: channels in the ratio 2 Telegram : 2 WhatsApp : 1 web form. */
function request(i: number, run: number, tg: FakeTelegram, wa: FakeWhatsAppCloud): Request {
  const text = `${TEXTS[i % TEXTS.length]} (${run}-${i})`;
  const kind = i % 5;
  if (kind < 2) {
    const update = { update_id: run * 10_000_000 + i, ...tg.textUpdate(run * 10_000_000 + i, text) };
    return {
      channel: 'telegram',
      path: '/webhooks/telegram',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body: JSON.stringify(update),
    };
  }
  if (kind < 4) {
    const from = `62899${String(run % 1000).padStart(3, '0')}${String(i).padStart(7, '0')}`;
    const signed = wa.signedWebhook(wa.textWebhook({ from, body: text, id: `wamid.soak${run}x${i}` }));
    return { channel: 'whatsapp', path: '/webhooks/whatsapp', headers: signed.headers, body: signed.rawBody };
  }
  const submissionId = randomBytes(24).toString('base64url');
  return {
    channel: 'web',
    path: '/lapor',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ submissionId, text }),
  };
}

/** Sends one request, moving to the next instance that is up when one refuses; gives up after 60 s. */
async function deliver(req: Request, instances: Instance[], start: number, stats: LoadStats) {
  const began = Date.now();
  for (let attempt = 0; Date.now() - began < 60_000; attempt++) {
    const up = instances.filter((x) => x.up);
    const target = up[(start + attempt) % Math.max(up.length, 1)];
    if (target) {
      const status = await fetch(`${target.url}${req.path}`, { method: 'POST', headers: req.headers, body: req.body })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0);
      stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) {
        stats.accepted[req.channel]++;
        stats.latenciesMs.push(Date.now() - began);
        return;
      }
      if (status > 0 && status < 500) throw new Error(`${req.channel} refused with ${status}: a bench bug`);
    }
    stats.redirected++;
    await new Promise((r) => setTimeout(r, 100));
  }
  stats.gaveUp++;
}

/** Drives `perSecond` messages a second until `until()` says stop; resolves when every request has ended. */
export async function driveLoad(opts: {
  perSecond: number;
  instances: Instance[];
  telegram: FakeTelegram;
  whatsapp: FakeWhatsAppCloud;
  run: number;
  until: () => boolean;
  stats: LoadStats;
}) {
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let i = 0;
  while (!opts.until()) {
    // Paced from the start time, so a slow moment is caught up rather than lost.
    const due = Math.floor(((Date.now() - started) / 1000) * opts.perSecond);
    while (i < due && inFlight.size < 500) {
      const p = deliver(request(i, opts.run, opts.telegram, opts.whatsapp), opts.instances, i, opts.stats);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      i++;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(inFlight);
  return i;
}

export const newStats = (): LoadStats => ({
  accepted: { telegram: 0, whatsapp: 0, web: 0 },
  redirected: 0,
  gaveUp: 0,
  statuses: {},
  latenciesMs: [],
});
