// Generators of random and hostile input for the property tests: every Unicode plane, lone surrogates, NUL,
// RTL and other invisible marks, random bytes, and huge or deeply nested JSON.
import fc from 'fast-check';

/** Characters that break naive code: NUL, controls, RTL/LTR overrides, zero-width joiners, BOM, halves. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u200d',
  '\ufeff',
  '\ud83d',
  '\ude00',
  '\uffff',
];

/** One "character": any code point of any plane (lone surrogates included), or a nasty one. */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.constantFrom(...NASTY, '😀', '👨‍👩‍👧‍👦', 'é', 'مرحبا', '𝕏'),
  fc.constantFrom('a', 'b', ' ', 'jalan', 'rusak', '0812', 'RT 03'),
);

/** A hostile string of up to `max` characters. */
export function hostileString(max = 200): fc.Arbitrary<string> {
  return fc.array(anyChar, { maxLength: max }).map((parts) => parts.join(''));
}

/** A complaint-like text: enough letters to be a complaint, with hostile characters mixed in. */
export const hostileComplaint = fc
  .tuple(hostileString(60), hostileString(60))
  .map(([a, b]) => `${a} Jalan rusak parah di depan pasar ${b}`);

/** JSON text nested `depth` levels deep (objects and arrays), built as text so no generator recurses. */
export function nestedJson(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"text":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return `${open}"x"${close}`;
}

/** A JSON body as text: random values, deep nesting, huge strings, or the right shape with wrong types. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.integer({ min: 1, max: 20_000 }).map(nestedJson),
  fc.integer({ min: 1, max: 250_000 }).map((n) => JSON.stringify({ submissionId: 'x'.repeat(n), text: 'y'.repeat(n) })),
  fc
    .record({
      submissionId: fc.oneof(hostileString(40), fc.jsonValue({ maxDepth: 2 })),
      text: fc.oneof(hostileString(300), fc.jsonValue({ maxDepth: 3 })),
      name: fc.option(hostileString(40)),
      contact: fc.option(hostileString(40)),
      privacy: fc.oneof(fc.constantFrom('named', 'anonim', 'rahasia'), hostileString(10)),
      latitude: fc.oneof(fc.double(), hostileString(5)),
      action: fc.oneof(fc.constantFrom('add', 'reopen', 'confirm', 'rate'), hostileString(5)),
      actionId: fc.oneof(hostileString(30), fc.constant('QWN0aW9uLWtleS1mb3ItdGVzdHMtMQ')),
      trackingId: fc.oneof(hostileString(20), fc.constant('CLG-261128-ABCD')),
      rating: fc.oneof(fc.integer(), hostileString(3)),
    })
    .map((v) => JSON.stringify(v)),
);

/** Random bytes, often not UTF-8 at all. */
export const randomBytes = fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a));

/** A random 16-byte key like the form's, as base64url. */
export const formKey = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((a) => Buffer.from(a).toString('base64url'));

/** Text containing a lone surrogate, NUL or a C0 control (what no stored text column may hold). */
export const UNSTORABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
