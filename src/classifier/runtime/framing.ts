/**
 * The courtesy and letter stage: greetings, thanks, honorifics, "mohon / izin / tolong" formulas, letter
 * framing and landmarks ("depan SMAN 2") are recognised on the token stream and replaced by one marker
 * token each. Markers never name a topic (training centres their weights, see train.ts); they only inform
 * the not-a-complaint decision. Real letters to the mayor open with "Yth. Ibu Walikota" and close with
 * "atas perhatiannya terima kasih": without this stage those words decided the agency.
 */
import { FRAMING_PATTERNS, LANDMARK_FILLERS, LANDMARK_TRIGGERS, LANDMARK_WORDS } from './framing-patterns.js';

/** Marker tokens, one per kind of framing. Letters only, like the other placeholders. */
export const MARKERS = {
  greeting: 'xsalamx',
  thanks: 'xterimakasihx',
  honorific: 'xsapaanx',
  request: 'xmohonx',
  letter: 'xsuratx',
  landmark: 'xtempatx',
} as const;

/** A kind of framing. */
export type FramingKind = keyof typeof MARKERS;

const MARKER_WORDS = new Set<string>(Object.values(MARKERS));
const KIND_OF = new Map<string, FramingKind>(
  (Object.entries(MARKERS) as [FramingKind, string][]).map(([kind, word]) => [word, kind]),
);

/** True for a marker token produced by this stage. */
export function isMarker(token: string): boolean {
  return MARKER_WORDS.has(token);
}

/** The kind of a marker token (undefined for other tokens). */
export function markerKind(token: string): FramingKind | undefined {
  return KIND_OF.get(token);
}

interface Slot {
  words: ReadonlySet<string>;
  optional: boolean;
}

interface Pattern {
  kind: FramingKind;
  slots: Slot[];
}

/** Compiles "selamat pagi|siang (bapak|ibu)?" into slots; the first slot must be required. */
function compilePattern(kind: FramingKind, source: string): Pattern {
  const slots = source
    .trim()
    .split(/\s+/)
    .map((part) => {
      const optional = part.endsWith('?');
      const body = part.replace(/\?$/, '').replace(/^\(|\)$/g, '');
      return { words: new Set(body.split('|')), optional };
    });
  if (slots[0]?.optional) throw new Error(`framing pattern must start with a required word: ${source}`);
  return { kind, slots };
}

const PATTERNS: Pattern[] = (Object.entries(FRAMING_PATTERNS) as [FramingKind, readonly string[]][]).flatMap(
  ([kind, list]) => list.map((source) => compilePattern(kind, source)),
);
const BY_FIRST = new Map<string, Pattern[]>();
for (const pattern of PATTERNS) {
  for (const word of pattern.slots[0]?.words ?? []) {
    const list = BY_FIRST.get(word) ?? [];
    list.push(pattern);
    BY_FIRST.set(word, list);
  }
}

/** Longest match of `slots` at `start`; optional slots are tried greedily, then skipped (no deep search). */
function matchLength(tokens: readonly string[], start: number, slots: readonly Slot[]): number {
  let i = start;
  for (const slot of slots) {
    const token = tokens[i];
    if (token !== undefined && slot.words.has(token)) i++;
    else if (!slot.optional) return 0;
  }
  return i - start;
}

/** Length of a landmark starting at `start` (an institution word after a trigger), or 0. */
function landmarkLength(tokens: readonly string[], start: number): number {
  const first = tokens[start];
  if (first === undefined || !LANDMARK_WORDS.has(first)) return 0;
  let i = start + 1;
  // "rumah sakit" is two tokens after slang expansion of "rs".
  if (first === 'rumah' && tokens[i] === 'sakit') i++;
  else if (first === 'rumah') return 0;
  while (i < tokens.length && i - start < 5) {
    const token = tokens[i] as string;
    if (/^\d+$/.test(token) || LANDMARK_FILLERS.has(token)) i++;
    else break;
  }
  return i - start;
}

/** Tokens after the framing stage, with the written words behind each token. */
export interface FramedTokens {
  tokens: string[];
  origins: string[];
}

/** Replaces framing spans by marker tokens; `origins` keeps the written words of each span. */
export function applyFraming(tokens: readonly string[], origins: readonly string[]): FramedTokens {
  const out: FramedTokens = { tokens: [], origins: [] };
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as string;
    let best = 0;
    let kind: FramingKind | null = null;
    for (const pattern of BY_FIRST.get(token) ?? []) {
      const length = matchLength(tokens, i, pattern.slots);
      if (length > best) {
        best = length;
        kind = pattern.kind;
      }
    }
    if (best === 0 && i > 0 && LANDMARK_TRIGGERS.has(tokens[i - 1] as string)) {
      best = landmarkLength(tokens, i);
      kind = best > 0 ? 'landmark' : null;
    }
    if (kind === null || best === 0) {
      out.tokens.push(token);
      out.origins.push(origins[i] ?? token);
      i++;
      continue;
    }
    out.tokens.push(MARKERS[kind]);
    out.origins.push(origins.slice(i, i + best).join(' '));
    i += best;
  }
  return out;
}
