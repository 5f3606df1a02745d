/** Text normalisation for informal Indonesian: placeholders, slang, repeated letters, reduplication. */
import { applyFraming } from './framing.js';
import { tokenizeId } from './natural.js';

/** What the tokenizer needs besides the text; stored in the model so inference matches training. */
export interface PreprocessConfig {
  /** Informal word -> standard Indonesian (one or more words). */
  slang: Readonly<Record<string, string>>;
  /** Characters of the message that are read; the rest is ignored (speed, and the topic comes first). */
  maxChars: number;
  /** Domain synonym groups: concept name -> phrases as space-joined stems (see concepts.ts). */
  concepts?: Readonly<Record<string, readonly string[]>>;
  /** Run the courtesy, letter and landmark stage (framing.ts); off in models trained before it existed. */
  framing?: boolean;
}

/**
 * Placeholder words. Letters only, because natural's tokenizer drops everything else. Personal data
 * (phone numbers, NIK, e-mail, handles) is replaced before tokenising so it can never become a feature.
 */
export const PLACEHOLDERS = {
  url: 'xurlx',
  email: 'xemailx',
  mention: 'xmentionx',
  hashtag: 'xhashtagx',
  nik: 'xnikx',
  phone: 'xteleponx',
  longNumber: 'xangkax',
} as const;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/g;
const EMAIL_RE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MENTION_RE = /@\w+/g;
// Hashtags are usually the topic (#banjir, #jalanrusak): keep the tag's word after the placeholder.
const HASHTAG_RE = /#(\w+)/g;
// NIK / KK: exactly 16 digits, possibly grouped with spaces, dots or dashes.
const NIK_RE = /(?<!\d)(?:\d[ .-]?){15}\d(?!\d)/g;
// Indonesian mobile (08xx, +62 8xx) and landline with area code ((0254) 123456).
const PHONE_RE = /(?<!\d)(?:(?:\+?62|0)[ .-]?8\d{1,3}(?:[ .-]?\d{2,5}){2,3}|\(?0\d{2,3}\)?[ .-]?\d{5,8})(?!\d)/g;
// Any other run of 5+ digits (account numbers, meter ids...): never useful as a word, maybe personal.
const LONG_NUMBER_RE = /\d{5,}/g;
const REPEAT3_RE = /([a-z])\1{2,}/g;
const REDUPLICATION_RE = /^([a-z]{2,})2$/;

/** Cuts text to at most `maxChars`, at a word boundary when one is near. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut;
}

/** Lower-cases, folds accents and fancy Unicode letters, and replaces personal data by placeholders. */
export function normalizeText(input: string, maxChars: number): string {
  // Truncate first so every later step is bounded; a number cut in half still meets LONG_NUMBER_RE.
  let text = truncate(typeof input === 'string' ? input : '', maxChars)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(URL_RE, ` ${PLACEHOLDERS.url} `);
  // The e-mail pattern backtracks quadratically on long words; only run it when there is an "@".
  if (text.includes('@'))
    text = text.replace(EMAIL_RE, ` ${PLACEHOLDERS.email} `).replace(MENTION_RE, ` ${PLACEHOLDERS.mention} `);
  return text
    .replace(HASHTAG_RE, ` ${PLACEHOLDERS.hashtag} $1 `)
    .replace(NIK_RE, ` ${PLACEHOLDERS.nik} `)
    .replace(PHONE_RE, ` ${PLACEHOLDERS.phone} `)
    .replace(LONG_NUMBER_RE, ` ${PLACEHOLDERS.longNumber} `)
    .replace(/_/g, ' ');
}

/** "parahhh" -> "parah"; a doubled last letter of a longer word ("tolongg") is squeezed too. */
export function squeezeRepeats(token: string): string {
  const squeezed = token.replace(REPEAT3_RE, '$1');
  if (squeezed.length >= 4 && squeezed.at(-1) === squeezed.at(-2) && /[a-z]/.test(squeezed.at(-1) ?? '')) {
    return squeezed.slice(0, -1);
  }
  return squeezed;
}

/** Splits hyphenated words; reduplicated forms ("anak-anak", "anak2") become the base word. */
function splitCompound(token: string): string[] {
  const redup = REDUPLICATION_RE.exec(token);
  if (redup?.[1]) return [redup[1]];
  if (!token.includes('-')) return [token];
  const parts = token.split('-').filter((part) => part.length > 0);
  const first = parts[0];
  // "anak-anak", "rumah-rumahnya", "sayur-mayur" stay one concept; "raya-merak" becomes two words.
  if (first && parts.length === 2 && parts[1]?.startsWith(first)) return [first];
  return parts.filter((part, i) => part !== parts[i - 1]);
}

/** Maps one token through the slang dictionary, trying the raw form before squeezed forms ("gg" = gang). */
function expandSlang(token: string, slang: Readonly<Record<string, string>>): string[] {
  const direct = slang[token];
  if (direct !== undefined) return direct.split(' ').filter(Boolean);
  const squeezed = squeezeRepeats(token);
  const viaSqueezed = slang[squeezed];
  if (viaSqueezed !== undefined) return viaSqueezed.split(' ').filter(Boolean);
  return [squeezed];
}

/** Tokens plus, for each, the word as the citizen wrote it (lower-cased), used to explain decisions. */
export interface PreprocessedText {
  tokens: string[];
  origins: string[];
}

/** Full pipeline keeping the written form of each token ("jln" for "jalan"). */
export function preprocessDetailed(text: string, config: PreprocessConfig): PreprocessedText {
  const tokens: string[] = [];
  const origins: string[] = [];
  for (const token of tokenizeId(normalizeText(text, config.maxChars))) {
    for (const part of splitCompound(token)) {
      for (const word of expandSlang(part, config.slang)) {
        tokens.push(word);
        origins.push(part);
      }
    }
  }
  return config.framing ? applyFraming(tokens, origins) : { tokens, origins };
}

/** Full pipeline: text -> standard-Indonesian surface tokens (stop words are kept; features decide). */
export function preprocess(text: string, config: PreprocessConfig): string[] {
  return preprocessDetailed(text, config).tokens;
}
