// The soak bench's checks, read from the database and the fake platforms after the load: every accepted
// message stored exactly once, every complaint acknowledged exactly once, nothing sent twice, nothing left.
import pg from 'pg';
import type { FakeTelegram } from '../test/fakes/telegram-bot-api.js';
import type { FakeWhatsAppCloud } from '../test/fakes/whatsapp-cloud.js';
import type { Channel, LoadStats } from './soak-load.js';

export interface Verdict {
  lines: string[];
  ok: boolean;
}

const countBy = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Waits until the outbox has nothing pending or sending (or `timeoutMs` passes); returns the wait in ms. */
export async function waitForOutbox(url: string, timeoutMs: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    while (Date.now() - started < timeoutMs) {
      const r = await client.query(`SELECT count(*)::int AS n FROM "Outbox" WHERE status IN ('pending', 'sending')`);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 1000));
    }
    return Date.now() - started;
  } finally {
    await client.end();
  }
}

type Check = (pass: boolean, line: string) => void;
type Count = { channel: string; n: number };

/** Every accepted message stored exactly once per channel, none given up, nothing left in the outbox. */
async function checkStored(client: pg.Client, stats: LoadStats, check: Check) {
  const stored = await client.query(
    `SELECT channel, count(*)::int AS n, count(DISTINCT "externalId")::int AS d FROM "Message"
     WHERE direction = 'inbound' GROUP BY channel`,
  );
  for (const ch of ['telegram', 'whatsapp', 'web'] as Channel[]) {
    const row = stored.rows.find((r) => r.channel === ch) ?? { n: 0, d: 0 };
    check(
      row.n === stats.accepted[ch] && row.d === row.n,
      `${ch}: ${stats.accepted[ch]} accepted, ${row.n} stored (${row.d} distinct): lost ${stats.accepted[ch] - row.n}`,
    );
  }
  check(stats.gaveUp === 0, `messages no instance accepted within 60 s: ${stats.gaveUp}`);
  const outbox = await client.query(`SELECT status, count(*)::int AS n FROM "Outbox" GROUP BY status`);
  const byStatus = Object.fromEntries(outbox.rows.map((r) => [r.status, r.n]));
  check(
    (byStatus.pending ?? 0) + (byStatus.sending ?? 0) + (byStatus.failed ?? 0) === 0,
    `outbox: ${JSON.stringify(byStatus)}`,
  );
}

/** Nothing sent twice, every sent outbox row received, every chat complaint acknowledged exactly once. */
async function checkSent(
  client: pg.Client,
  complaints: Count[],
  tg: FakeTelegram,
  wa: FakeWhatsAppCloud,
  check: Check,
) {
  // What the platforms received, per recipient and text: any key seen twice is a reply sent twice.
  const sentKeys = [
    ...tg.sent.map((m) => `telegram:${m.chat_id}|${m.text ?? m.caption ?? ''}`),
    ...wa.sent.map((m) => `whatsapp:${m.to}|${m.text?.body ?? JSON.stringify(m.template ?? {})}`),
  ];
  const sentCount = countBy(sentKeys);
  const dupes = [...sentCount.values()].filter((n) => n > 1).length;
  check(
    dupes === 0,
    `platform sends: ${sentKeys.length} (Telegram ${tg.sent.length}, WhatsApp ${wa.sent.length}), sent twice: ${dupes}`,
  );
  const rows = await client.query(
    `SELECT address, text, kind, status FROM "Outbox" WHERE channel IN ('telegram', 'whatsapp')`,
  );
  const sentRows = rows.rows.filter((r) => r.status === 'sent').length;
  check(
    sentRows === sentKeys.length,
    `outbox rows sent on Telegram/WhatsApp: ${sentRows}, platform sends: ${sentKeys.length}`,
  );
  const acks = rows.rows.filter((r) => r.kind === 'ack');
  const ackOnce = acks.filter((r) => sentCount.get(`${r.address}|${r.text}`) === 1).length;
  const chatComplaints = complaints
    .filter((r) => r.channel === 'telegram' || r.channel === 'whatsapp')
    .reduce((a, r) => a + r.n, 0);
  check(
    acks.length === chatComplaints && ackOnce === acks.length,
    `acknowledgements: ${chatComplaints} chat complaints, ${acks.length} ack rows, ${ackOnce} received exactly once`,
  );
}

export async function verify(url: string, stats: LoadStats, tg: FakeTelegram, wa: FakeWhatsAppCloud): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lines: string[] = [];
  let ok = true;
  const check: Check = (pass, line) => {
    ok &&= pass;
    lines.push(`${pass ? 'ok  ' : 'FAIL'} ${line}`);
  };
  try {
    await checkStored(client, stats, check);
    const complaints = await client.query<Count>(
      `SELECT channel, count(*)::int AS n FROM "Complaint" GROUP BY channel`,
    );
    lines.push(`     complaints: ${JSON.stringify(Object.fromEntries(complaints.rows.map((r) => [r.channel, r.n])))}`);
    await checkSent(client, complaints.rows, tg, wa, check);
  } finally {
    await client.end();
  }
  return { lines, ok };
}
