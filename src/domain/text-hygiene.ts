// Text hygiene at the door: what goes into a text column must be valid Unicode that both databases accept.
// PostgreSQL refuses NUL in text and any invalid UTF-8 (a lone UTF-16 surrogate encodes to one); SQLite takes
// both and hands back something else later. The raw payload keeps the original through JSON escapes. Invalid
// UTF-8 never reaches here as such: request bodies are decoded with U+FFFD for every bad sequence.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except tab, line feed and carriage return: NUL breaks PostgreSQL, the others break display.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const REPLACEMENT = '\uFFFD';

/** Makes a string safe for a text column: drops NUL and other control characters, replaces lone surrogates. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(LONE_SURROGATE, REPLACEMENT);
}

/** Like cleanText for optional fields; an empty result becomes undefined. */
export function cleanOptional(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  return cleanText(text) || undefined;
}

const segmenter = new Intl.Segmenter('id', { granularity: 'grapheme' });
// A grapheme crossing the cut is found by looking this far past it; longer clusters are cut at a code point.
const LOOK_PAST = 64;

/**
 * Cuts `text` to at most `max` UTF-16 units without splitting a character: whole graphemes (an emoji with its
 * skin tone or ZWJ sequence, a letter with its accents) are kept or dropped together.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { index, segment } of segmenter.segment(text.slice(0, max + LOOK_PAST))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  if (end > 0) return text.slice(0, end);
  // One grapheme longer than `max` (a pathological combining sequence): cut at a code point instead.
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, cut);
}
