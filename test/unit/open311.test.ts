// The Open311 pieces that need no server: the request parser (pure), the request schema, and the XML/JSON
// formatting with hostile text (markup, control characters) that must come out as well-formed XML.
import { describe, expect, it } from 'vitest';
import { parseOpen311Request } from '../../adapters/open311/parse.js';
import { open311RequestSchema } from '../../src/channels/open311-door.js';
import { escapeXml, Open311Error, splitFormat, toXml } from '../../src/http/open311/format.js';

describe('open311 request parsing', () => {
  const at = new Date('2026-11-30T03:00:00Z');

  it('turns a request into a message of its own identity, with the address in the text and no contact link', () => {
    const r = open311RequestSchema.parse({
      service_code: 'DPUTR',
      lat: '-6.0052',
      long: '106.0531',
      address_string: 'Jl. Ciwaduk Raya',
      description: '  Lubang besar di depan SDN Ciwaduk 2  ',
      email: 'warga@example.id',
      phone: '081234567890',
      first_name: 'Siti',
      last_name: 'Aminah',
      api_key: 'never-kept',
      'attribute[X]': 'y',
    });
    const m = parseOpen311Request(r, 'r:crm-1', at);
    expect(m).toMatchObject({
      channel: 'open311',
      externalId: 'r:crm-1',
      sender: { externalId: 'r:crm-1', displayName: 'Siti Aminah' },
      replyAddress: 'open311:r:crm-1',
      contact: 'warga@example.id, 081234567890',
      text: 'Lubang besar di depan SDN Ciwaduk 2\nAlamat: Jl. Ciwaduk Raya',
      location: { latitude: -6.0052, longitude: 106.0531 },
      explicit: true,
    });
    // A typed phone number is contact data, never proof of identity.
    expect(m.sender.phone).toBeUndefined();
    expect(JSON.stringify(m.raw)).not.toContain('never-kept');
    expect(JSON.stringify(m.raw)).not.toContain('attribute');
  });

  it('needs a service code, words and a location, as the standard and a complaint need', () => {
    const ok = { service_code: 'DLH', description: 'Sampah menumpuk di TPS', address_id: 'A-17' };
    expect(open311RequestSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, service_code: '' },
      { ...ok, description: 'pendek' },
      { service_code: 'DLH', description: 'Sampah menumpuk di TPS' },
      { ...ok, lat: '-6.0' },
      { ...ok, lat: '91', long: '106' },
      { ...ok, media_url: 'ftp://example.id/a.jpg' },
      { ...ok, request_id: 'pendek' },
    ]) {
      expect(open311RequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('open311 formats', () => {
  it('reads the format from the extension and refuses any other', () => {
    expect(splitFormat('requests.json')).toEqual(['requests', 'json']);
    expect(splitFormat('CLG-261130-7KQ2.XML')).toEqual(['CLG-261130-7KQ2', 'xml']);
    for (const bad of ['requests', 'requests.csv', '.json']) expect(() => splitFormat(bad)).toThrow(Open311Error);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<b>"Jl." & 'gang'</b>\u0000\u0007ok\ttab`)).toBe(
      '&lt;b&gt;&quot;Jl.&quot; &amp; &apos;gang&apos;&lt;/b&gt;ok\ttab',
    );
  });

  it('writes records, empty values as empty elements, and nested attribute lists', () => {
    expect(toXml('service_requests', 'request', [{ service_request_id: 'CLG-1', account_id: null, lat: 1.5 }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>CLG-1</service_request_id><account_id/><lat>1.5</lat></request></service_requests>',
    );
    expect(
      toXml('service_definition', null, { service_code: 'DPUTR', attributes: [{ code: 'A', required: true }] }),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_definition><service_code>DPUTR</service_code><attributes><attribute><code>A</code><required>true</required></attribute></attributes></service_definition>',
    );
  });
});
