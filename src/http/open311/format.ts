// The two formats of Open311 GeoReport v2 (JSON and XML, chosen by the URL's extension) and its error shape:
// [{"code":400,"description":"..."}] / <errors><error><code>400</code><description>…</description></error></errors>.
import type { FastifyReply } from 'fastify';
import { escapeMarkup } from '../escape.js';

/** A response format. */
export type Format = 'json' | 'xml';

/** A value of one field; arrays of records nest (a service definition's attributes). */
export type Field = string | number | boolean | null | Field[] | { [key: string]: Field };

/** An Open311 error: the HTTP status doubles as the error code, the description is for people. */
export class Open311Error extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

/** "requests.json" -> ["requests", "json"]; an unknown extension is a 404 in the standard's shape. */
export function splitFormat(file: string): [name: string, format: Format] {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1).toLowerCase();
  if (dot <= 0 || (ext !== 'json' && ext !== 'xml')) {
    throw new Open311Error(404, 'Format tidak dikenal: gunakan akhiran .json atau .xml.');
  }
  return [file.slice(0, dot), ext];
}

// Characters XML 1.0 cannot carry at all (control characters other than tab, newline, carriage return).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must be removed
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text safe inside an XML element. */
export const escapeXml = (s: string) => escapeMarkup(s.replace(NOT_XML, ''));

function element(tag: string, value: Field, itemTag: string): string {
  if (value === null || value === '') return `<${tag}/>`;
  if (Array.isArray(value)) {
    return value.length ? `<${tag}>${value.map((v) => element(itemTag, v, itemTag)).join('')}</${tag}>` : `<${tag}/>`;
  }
  if (typeof value === 'object') {
    return `<${tag}>${Object.entries(value)
      .map(([k, v]) => element(k, v, k.replace(/s$/, '')))
      .join('')}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** An XML document: `<root>` holding one `<item>` per record, or one record as the root itself. */
export function toXml(
  root: string,
  item: string | null,
  body: Record<string, Field>[] | Record<string, Field>,
): string {
  const inner = Array.isArray(body) && item ? body.map((r) => element(item, r, item)).join('') : null;
  const doc = inner !== null ? `<${root}>${inner}</${root}>` : element(root, body as Record<string, Field>, root);
  return `<?xml version="1.0" encoding="utf-8"?>\n${doc}`;
}

/** Sends records in the requested format; XML needs the root and item element names of the standard. */
export function sendAs(
  reply: FastifyReply,
  format: Format,
  body: Record<string, Field>[] | Record<string, Field>,
  xml: { root: string; item: string | null },
  status = 200,
) {
  reply.status(status).header('cache-control', 'no-store');
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
  return reply.type('text/xml; charset=utf-8').send(toXml(xml.root, xml.item, body));
}

/** Sends errors in the standard's shape. */
export function sendErrors(reply: FastifyReply, format: Format, status: number, description: string) {
  return sendAs(reply, format, [{ code: status, description }], { root: 'errors', item: 'error' }, status);
}
