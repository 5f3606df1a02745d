/**
 * Writing-style detection, so confidence can be calibrated per style: a model is not equally reliable on a
 * tweet, a WhatsApp chat, a letter to the mayor and a plain one-line report, and one temperature fitted on a
 * mix of them is wrong for each. Cheap features of the preprocessed tokens only (no model): mentions and
 * hashtags, length, letter and courtesy markers of the framing stage, sentence punctuation, and words the
 * slang dictionary had to translate (abbreviations, chat spelling, regional words).
 */
import { MARKERS } from './framing.js';
import { PLACEHOLDERS } from './preprocess.js';

/** The styles a message is sorted into; `long` is longer than nearly all training lines. */
export const WRITING_STYLES = ['plain', 'chat', 'letter', 'tweet', 'long'] as const;

/** A writing style. */
export type WritingStyle = (typeof WRITING_STYLES)[number];

/** Content words from which a message counts as long (real letters to officials run to 40 words and more). */
export const LONG_MESSAGE_WORDS = 35;

const COURTESY = [MARKERS.greeting, MARKERS.thanks, MARKERS.honorific, MARKERS.request];
const SOCIAL = new Set<string>([PLACEHOLDERS.mention, PLACEHOLDERS.hashtag]);
const PLACEHOLDER_WORDS = new Set<string>([...Object.values(PLACEHOLDERS), ...Object.values(MARKERS)]);
const SENTENCE_END = /[.!?](?:\s|$)/g;

/** Words the slang stage replaced (one per written word, however many words it became). */
function informalWords(tokens: readonly string[], origins: readonly string[]): number {
  let count = 0;
  tokens.forEach((token, i) => {
    const origin = origins[i] ?? token;
    if (origin === token || PLACEHOLDER_WORDS.has(token)) return;
    if (i > 0 && origins[i - 1] === origin && tokens[i - 1] !== origin) return;
    count++;
  });
  return count;
}

/**
 * The writing style of a message. `text` is the raw message (only its first `maxChars` are read, for
 * sentence punctuation); `tokens`/`origins` are the preprocessed tokens and the words behind them.
 */
export function detectStyle(
  text: string,
  tokens: readonly string[],
  origins: readonly string[],
  maxChars = 2000,
): WritingStyle {
  if (tokens.some((token) => SOCIAL.has(token))) return 'tweet';
  const words = tokens.filter((token) => !PLACEHOLDER_WORDS.has(token)).length;
  if (words >= LONG_MESSAGE_WORDS) return 'long';
  const courtesy = COURTESY.filter((marker) => tokens.includes(marker)).length;
  const sentences = (text.slice(0, maxChars).match(SENTENCE_END) ?? []).length;
  if (tokens.includes(MARKERS.letter) || (courtesy >= 1 && sentences >= 2) || courtesy >= 3) return 'letter';
  if (informalWords(tokens, origins) >= 2 || (courtesy >= 1 && sentences === 0)) return 'chat';
  return 'plain';
}
