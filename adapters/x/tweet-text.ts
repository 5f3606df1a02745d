// Fitting a reply into one tweet. X counts "weighted" characters: most Latin, Cyrillic and similar scripts
// weigh 1, everything else (CJK, emoji, and even "…") weighs 2, and every URL weighs 23 because t.co wraps it
// (twitter-text v3 config, https://docs.x.com/resources/fundamentals/counting-characters).

/** The most a tweet may weigh. */
export const MAX_TWEET_WEIGHT = 280;

const URL_PATTERN = /https?:\/\/\S+/g;
const URL_WEIGHT = 23;
/** Code point ranges that weigh 1 (twitter-text v3 `ranges`). */
const LIGHT_RANGES: readonly [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

function weightOf(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return LIGHT_RANGES.some(([from, to]) => code >= from && code <= to) ? 1 : 2;
}

/** The weighted length X checks against 280. Counts each emoji code point as 2: never under-counts. */
export function tweetWeight(text: string): number {
  let weight = 0;
  const withoutUrls = text.replace(URL_PATTERN, () => {
    weight += URL_WEIGHT;
    return '';
  });
  for (const char of withoutUrls) weight += weightOf(char);
  return weight;
}

/** Returns `text` unchanged when it fits, else its longest prefix that fits with "…", ending between words. */
export function fitTweet(text: string, max: number = MAX_TWEET_WEIGHT): string {
  if (tweetWeight(text) <= max) return text;
  const ellipsis = '…';
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (tweetWeight(chars.slice(0, mid).join('') + ellipsis) <= max) lo = mid;
    else hi = mid - 1;
  }
  let cut = chars.slice(0, lo).join('');
  // Prefer a word boundary when one is near, so no word is cut in half.
  const lastSpace = cut.search(/\s\S*$/);
  if (lastSpace > cut.length * 0.8) cut = cut.slice(0, lastSpace);
  return cut.trimEnd() + ellipsis;
}
