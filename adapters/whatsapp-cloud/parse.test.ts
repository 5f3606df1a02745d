// Pure parser tests on fixtures shaped like Meta's documented webhook payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { type DecodedWebhook, decodeWebhook } from './parse.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));

function decodeOk(body: Buffer): Extract<DecodedWebhook, { ok: true }> {
  const decoded = decodeWebhook(body);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded;
}

const all = (name: string): IncomingMessage[] => decodeOk(fixture(name)).values.flatMap((v) => v.messages);
const messagesOf = (name: string) => all(name).filter((m) => m.event === undefined);
const statusesOf = (name: string) => all(name).filter((m) => m.event?.type === 'status');

/** Wraps one change value in the envelope Meta posts. */
const envelope = (value: unknown, extraEntries: unknown[] = []) =>
  Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ id: 'WABA', changes: [{ field: 'messages', value }] }, ...extraEntries],
    }),
  );
const metadata = { display_phone_number: '15550783881', phone_number_id: '106540352242922' };

describe('decodeWebhook', () => {
  it('refuses a body that is not JSON', () => {
    const result = decodeWebhook(Buffer.from('{"object":'));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
  });

  it('keeps a messages change whose value does not match the schema as malformed, naming the path', () => {
    const decoded = decodeOk(envelope({ messaging_product: 'whatsapp', messages: [] }));
    expect(decoded.values).toEqual([]);
    expect(decoded.malformed[0]?.error).toContain('entry.0.changes.0.value.metadata');
  });

  it('refuses an object other than whatsapp_business_account', () => {
    const result = decodeWebhook(Buffer.from(JSON.stringify({ object: 'page', entry: [] })));
    expect(result.ok).toBe(false);
  });

  it('skips changes of other fields (template status updates) instead of refusing them', () => {
    expect(decodeOk(fixture('multiple-entries')).values).toHaveLength(2);
  });

  it('processes the good parts of a batch and keeps each bad entry, message and status raw', () => {
    const good = {
      from: '6281234567890',
      id: 'wamid.GOOD',
      timestamp: '1749416383',
      type: 'text',
      text: { body: 'jalan rusak' },
    };
    const badMessage = { from: '6281234567890', id: 'wamid.BAD', timestamp: 'yesterday', type: 'text' };
    const badStatus = { id: 'wamid.S', status: 'read' };
    const decoded = decodeOk(
      envelope({ messaging_product: 'whatsapp', metadata, messages: [good, badMessage], statuses: [badStatus] }, [
        'not an entry',
        { id: 'X', changes: { field: 'messages' } },
      ]),
    );
    expect(decoded.values.flatMap((v) => v.messages).map((m) => m.externalId)).toEqual(['wamid.GOOD']);
    expect(decoded.malformed.map((m) => m.raw)).toEqual([
      badMessage,
      badStatus,
      'not an entry',
      { id: 'X', changes: { field: 'messages' } },
    ]);
    expect(decoded.malformed[0]?.error).toContain('message.timestamp');
  });
});

describe('parseMessages', () => {
  it('normalises a text message with the sender name, phone and a whatsapp: reply address', () => {
    const [m, ...rest] = messagesOf('text');
    expect(rest).toHaveLength(0);
    expect(m).toMatchObject({
      channel: 'whatsapp',
      externalId: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjBBMUI2QzdEOEU5RjAxMjM0NTYA',
      sender: { externalId: '6281234567890', displayName: 'Siti Aminah', phone: '+6281234567890' },
      replyAddress: 'whatsapp:6281234567890',
      kind: 'text',
      text: 'Lampu PJU di Jl. Ahmad Yani depan Ramayana mati sudah seminggu',
      attachments: [],
    });
    expect(m?.receivedAt).toEqual(new Date(1749416383 * 1000));
  });

  it('keeps a self-contained raw payload that parses back to the same message', () => {
    const [m] = messagesOf('text');
    const again = decodeOk(envelope({ messaging_product: 'whatsapp', ...(m?.raw as object) })).values[0]?.messages;
    expect(again).toEqual([m]);
  });

  it('turns an image with caption into a photo attachment carrying the media id and mime type', () => {
    const [m] = messagesOf('image-caption');
    expect(m).toMatchObject({
      kind: 'photo',
      text: 'Sampah menumpuk di depan Pasar Kranggot',
      attachments: [{ kind: 'photo', platformFileId: '1479537139650973', mimeType: 'image/jpeg' }],
    });
  });

  it('turns a document into a document attachment', () => {
    const [m] = messagesOf('document');
    expect(m).toMatchObject({
      kind: 'photo',
      text: 'Surat keterangan RT',
      attachments: [{ kind: 'document', platformFileId: '1095394968726372', mimeType: 'application/pdf' }],
    });
  });

  it('turns a location into coordinates, keeping the place name in raw', () => {
    const [m] = messagesOf('location');
    expect(m).toMatchObject({ kind: 'location', text: '', location: { latitude: -6.0025, longitude: 106.0112 } });
    expect(JSON.stringify(m?.raw)).toContain('Simpang Tiga Cilegon');
  });

  it('keeps the quoted message of a reply (context) in raw', () => {
    const [m] = messagesOf('reply-context');
    expect(m).toMatchObject({ kind: 'text', text: 'Sampai sekarang belum ada petugas yang datang' });
    const raw = m?.raw as { messages: { context?: unknown }[] };
    expect(raw.messages[0]?.context).toEqual({
      from: '15550783881',
      id: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=',
    });
  });

  it('marks a sticker as unsupported, kept with its raw payload', () => {
    const [m] = messagesOf('sticker');
    expect(m).toMatchObject({ kind: 'unsupported', text: '', attachments: [] });
    expect(JSON.stringify(m?.raw)).toContain('3457108094533282');
  });

  it('turns a reaction into a reaction event about the message it is on (never a report)', () => {
    const [m, ...rest] = all('reaction');
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      kind: 'reaction',
      event: { type: 'reaction', target: expect.stringMatching(/^wamid\./) },
    });
  });

  it('produces no citizen message for a statuses-only delivery', () => {
    expect(messagesOf('statuses')).toEqual([]);
  });

  it('handles several entries and messages, matching each sender to its contact, skipping our own number', () => {
    const messages = messagesOf('multiple-entries');
    expect(messages.map((m) => [m.externalId, m.sender.displayName])).toEqual([
      ['wamid.MULTI1', 'Siti Aminah'],
      ['wamid.MULTI2', 'Budi Santoso'],
    ]);
  });
});

describe('delivery statuses', () => {
  it('normalises delivered and failed receipts, classifying the failure', () => {
    expect(statusesOf('statuses').map((m) => [m.externalId, m.sender.externalId, m.event, m.receivedAt])).toEqual([
      [
        'status:wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=:delivered',
        '6281234567890',
        {
          type: 'status',
          target: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=',
          status: 'delivered',
        },
        new Date(1749417000 * 1000),
      ],
      [
        'status:wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjAyQkY3NTJEMjFCRkNCQjM2RgA=:failed',
        '6289876543210',
        {
          type: 'status',
          target: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjAyQkY3NTJEMjFCRkNCQjM2RgA=',
          status: 'failed',
          failure: { kind: 'permanent', reason: expect.stringMatching(/^131047 Re-engagement message: .*24 hours/) },
        },
        new Date(1749417001 * 1000),
      ],
    ]);
  });

  it('reads statuses that arrive beside messages', () => {
    expect(statusesOf('multiple-entries').map((m) => m.event)).toEqual([
      { type: 'status', target: 'wamid.SENT1', status: 'read' },
    ]);
  });
});
