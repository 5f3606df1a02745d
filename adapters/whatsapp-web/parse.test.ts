import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../src/channels/contract.js';
import { parseVCard, parseWaEdit, parseWaMessage, parseWaRevoke, phoneFromWid } from './parse.js';
import type { WaMessageLike } from './types.js';

function fixture(name: string): WaMessageLike {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as WaMessageLike;
}

describe('parseWaMessage', () => {
  it('normalises a text message with a reply address that round-trips', () => {
    const m = parseWaMessage(fixture('text'));
    expect(m).toMatchObject({
      channel: 'whatsapp',
      externalId: 'false_6281234567890@c.us_3EB0C4D2A1F5E6B7C8D9',
      sender: { externalId: '6281234567890@c.us', displayName: 'Siti Rahma', phone: '+6281234567890' },
      replyAddress: 'whatsapp:6281234567890@c.us',
      kind: 'text',
      attachments: [],
    });
    expect(m?.text).toContain('lampu PJU di Jl. Ahmad Yani');
    expect(m?.receivedAt.toISOString()).toBe('2024-11-28T08:00:00.000Z');
    expect(parseAddress(m?.replyAddress ?? '')).toEqual({ channel: 'whatsapp', id: '6281234567890@c.us' });
    // The raw snapshot must be storable as JSON (the library's Message references the whole client).
    expect(JSON.parse(JSON.stringify(m?.raw))).toMatchObject({ type: 'chat', notifyName: 'Siti Rahma' });
  });

  it('turns an image with a caption into a photo whose file id is the message id', () => {
    const m = parseWaMessage(fixture('image-caption'));
    expect(m).toMatchObject({ kind: 'photo', text: 'Ini fotonya pak, jalan berlubang depan SDN 3' });
    expect(m?.attachments).toEqual([
      {
        kind: 'photo',
        platformFileId: 'false_6281234567890@c.us_A1B2C3D4E5F60718293A4B5C6D7E8F90',
        mimeType: 'image/jpeg',
        sizeBytes: 184320,
      },
    ]);
  });

  it('keeps a document as a document attachment', () => {
    const m = parseWaMessage(fixture('document'));
    expect(m?.attachments[0]).toMatchObject({ kind: 'document', mimeType: 'application/pdf', sizeBytes: 48213 });
    expect(m?.text).toBe('Surat pengantar RT terlampir');
  });

  it('reads a location with its description, and never stores the thumbnail in body', () => {
    const m = parseWaMessage(fixture('location'));
    expect(m).toMatchObject({ kind: 'location', location: { latitude: -6.0169, longitude: 106.0539 } });
    expect(m?.text).toBe('Masjid Agung Nurul Ikhlas\nJl. Jend. A. Yani, Cilegon, Banten');
    expect(JSON.stringify(m?.raw)).not.toContain('/9j/');
  });

  it('accepts coordinates as strings (index.d.ts types them so) and rejects garbage', () => {
    const base = fixture('location');
    const asStrings = { ...base, location: { latitude: '-6.0169', longitude: '106.0539' } };
    expect(parseWaMessage(asStrings)?.location).toEqual({ latitude: -6.0169, longitude: 106.0539 });
    const broken = { ...base, location: { latitude: 'x', longitude: '106' } };
    expect(parseWaMessage(broken)?.kind).toBe('unsupported');
  });

  it('keeps the quoted message id of a reply in raw', () => {
    const m = parseWaMessage(fixture('quoted-reply'));
    expect(m?.kind).toBe('text');
    expect(m?.raw).toMatchObject({
      quoted: { stanzaId: '3EB0AA11BB22CC33DD44EE55', participant: '6285212345678@c.us' },
    });
  });

  it("turns a shared vCard into a contact, with the other person's number in the text", () => {
    const m = parseWaMessage(fixture('vcard'));
    expect(m?.kind).toBe('contact');
    expect(m?.text).toBe('Kontak: Budi Santoso (Ketua RT 04) +6281298765432');
    // Someone else's card: the sender's own number stays the one from their wid.
    expect(m?.sender.phone).toBe('+6281234567890');
  });

  it("takes the sender's phone from their own vCard (the only way for a @lid sender)", () => {
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Andi\nTEL;type=CELL;waid=6287712345678:+62 877-1234-5678\nEND:VCARD';
    const own = { ...fixture('vcard'), from: '6287712345678@c.us', vCards: [card] };
    expect(parseWaMessage(own)).toMatchObject({ kind: 'contact', text: '', sender: { phone: '+6287712345678' } });
  });

  it.each(['sticker', 'ptt'])('answers a %s as unsupported', (name) => {
    const m = parseWaMessage(fixture(name));
    expect(m).toMatchObject({ kind: 'unsupported', text: '', attachments: [] });
    expect(m?.externalId).toBe(fixture(name).id._serialized);
  });

  it.each(['status-broadcast', 'own-message'])('ignores %s', (name) => {
    expect(parseWaMessage(fixture(name))).toBeNull();
  });

  it('keeps a group message as a group message from its author, not addressed to the bot', () => {
    expect(parseWaMessage(fixture('group'))).toMatchObject({
      kind: 'text',
      text: 'Warga RW 05, besok kerja bakti jam 7 pagi ya',
      sender: { externalId: '6281234567890@c.us', displayName: 'Siti Rahma' },
      conversation: { type: 'group', id: '120363041234567890@g.us', addressed: false },
    });
  });

  it('records system entries (security-code change, undecrypted message) as system events, never as text', () => {
    for (const type of ['e2e_notification', 'ciphertext', 'notification_template', 'call_log']) {
      expect(parseWaMessage({ ...fixture('text'), type, body: '' })).toMatchObject({
        kind: 'system',
        event: { type: 'system', description: type },
      });
    }
  });

  it('turns a revoked stub and a message_revoke_everyone into a deletion of the original id', () => {
    const original = fixture('text');
    const stub = { ...original, type: 'revoked', body: '' };
    for (const m of [parseWaMessage(stub), parseWaRevoke(stub, original)]) {
      expect(m).toMatchObject({
        externalId: `revoke:${original.id._serialized}`,
        kind: 'delete',
        event: { type: 'delete', target: original.id._serialized },
      });
    }
  });

  it('turns a message_edit into an edit of the original id, one row per distinct new text', () => {
    const original = fixture('text');
    const a = parseWaEdit(original, 'lampu jalan mati di RT 03');
    const b = parseWaEdit(original, 'lampu jalan mati di RT 04');
    expect(a).toMatchObject({
      kind: 'edit',
      text: 'lampu jalan mati di RT 03',
      event: { type: 'edit', target: original.id._serialized },
    });
    expect(a?.externalId).not.toBe(b?.externalId);
    expect(parseWaEdit(original, 'lampu jalan mati di RT 03')?.externalId).toBe(a?.externalId);
  });

  it('has no phone for a @lid sender: those digits are not a phone number', () => {
    const m = parseWaMessage(fixture('lid-text'));
    expect(m).toMatchObject({
      replyAddress: 'whatsapp:201234567890123@lid',
      sender: { externalId: '201234567890123@lid' },
    });
    expect(m?.sender.phone).toBeUndefined();
  });
});

const VCARD_CASES = [
  {
    name: 'prefers the waid parameter',
    vcard: 'BEGIN:VCARD\nFN:Ana\nTEL;waid=6281111:+62 811-11\nEND:VCARD',
    expected: { name: 'Ana', phone: '+6281111', waid: '6281111' },
  },
  {
    name: 'keeps a + number without waid, CRLF line ends',
    vcard: 'BEGIN:VCARD\r\nFN:Ana\r\nTEL;TYPE=CELL:+62 812 3456\r\nEND:VCARD',
    expected: { name: 'Ana', phone: '+628123456', waid: undefined },
  },
  {
    name: 'keeps a local number as digits, unfolds a folded name',
    vcard: 'BEGIN:VCARD\nFN:Ana Mar\n ia\nTEL:0812-3456\nEND:VCARD',
    expected: { name: 'Ana Maria', phone: '08123456', waid: undefined },
  },
  { name: 'copes with an empty card', vcard: '', expected: { name: undefined, phone: undefined, waid: undefined } },
];

describe('parseVCard and phoneFromWid', () => {
  it.each(VCARD_CASES)('$name', ({ vcard, expected }) => {
    expect(parseVCard(vcard)).toEqual(expected);
  });

  it('derives +digits from a phone-number wid only', () => {
    expect(phoneFromWid('6281234567890@c.us')).toBe('+6281234567890');
    expect(phoneFromWid('201234567890123@lid')).toBeUndefined();
  });
});
