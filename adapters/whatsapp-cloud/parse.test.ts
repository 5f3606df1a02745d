// Pure parser tests on fixtures shaped like Meta's documented webhook payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../src/channels/contract.js';
import { decodeWebhook, parseMessages, parseStatuses } from './parse.js';
import type { WaMessagesValue } from './types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));

function decode(name: string): WaMessagesValue[] {
  const decoded = decodeWebhook(fixture(name));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.values;
}

const messagesOf = (name: string): IncomingMessage[] => decode(name).flatMap(parseMessages);

describe('decodeWebhook', () => {
  it('refuses a body that is not JSON', () => {
    const result = decodeWebhook(Buffer.from('{"object":'));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') });
  });

  it('refuses a messages change whose value does not match the schema, naming the path', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', messages: [] } }] }],
    };
    const result = decodeWebhook(Buffer.from(JSON.stringify(body)));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('entry.0.changes.0.value.metadata') });
  });

  it('refuses an object other than whatsapp_business_account', () => {
    const result = decodeWebhook(Buffer.from(JSON.stringify({ object: 'page', entry: [] })));
    expect(result.ok).toBe(false);
  });

  it('skips changes of other fields (template status updates) instead of refusing them', () => {
    expect(decode('multiple-entries')).toHaveLength(2);
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
    const again = parseMessages(m?.raw as WaMessagesValue);
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
    const raw = m?.raw as WaMessagesValue;
    expect(raw.messages?.[0]?.context).toEqual({
      from: '15550783881',
      id: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=',
    });
  });

  it('marks a sticker as unsupported, kept with its raw payload', () => {
    const [m] = messagesOf('sticker');
    expect(m).toMatchObject({ kind: 'unsupported', text: '', attachments: [] });
    expect(JSON.stringify(m?.raw)).toContain('3457108094533282');
  });

  it('produces nothing for a reaction (an event, not a report)', () => {
    expect(messagesOf('reaction')).toEqual([]);
  });

  it('produces nothing for a statuses-only delivery', () => {
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

describe('parseStatuses', () => {
  it('normalises delivered and failed receipts with their errors', () => {
    const statuses = decode('statuses').flatMap(parseStatuses);
    expect(statuses).toEqual([
      {
        messageId: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjQxQjVGRTkzQUVDRkJCRjhFMQA=',
        status: 'delivered',
        recipientId: '6281234567890',
        timestamp: new Date(1749417000 * 1000),
        errors: [],
      },
      {
        messageId: 'wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjAyQkY3NTJEMjFCRkNCQjM2RgA=',
        status: 'failed',
        recipientId: '6289876543210',
        timestamp: new Date(1749417001 * 1000),
        errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' }],
      },
    ]);
  });

  it('reads statuses that arrive beside messages', () => {
    const statuses = decode('multiple-entries').flatMap(parseStatuses);
    expect(statuses.map((s) => [s.messageId, s.status])).toEqual([['wamid.SENT1', 'read']]);
  });
});
