/**
 * Root-finding for colloquial (Jakarta/Betawi-style) word forms that Sastrawi cannot stem: "nutupin" ->
 * tutup, "ngerjain" -> kerja, "dateng" -> datang, "nyampah" -> sampah. Each rule is a standard description
 * of informal Indonesian morphology; a candidate is accepted only if it is a dictionary root word.
 */
import { isRootWord } from './natural.js';

// Nasal prefixes of informal verbs and the root-initial letters they replace.
const NASAL: readonly [RegExp, readonly string[]][] = [
  [/^nge(?=[a-z]{3,})/, ['']],
  [/^ng(?=[aiueo])/, ['k', '']],
  [/^ny(?=[aiueo])/, ['s', 'c']],
  [/^n(?=[aiueo])/, ['t']],
  [/^m(?=[aiueo])/, ['p']],
  [/^ke(?=[a-z]{3,})/, ['ter', '']],
];

function bases(word: string): string[] {
  const out = [word];
  // "-in" is the informal "-kan"/"-i"; "-an" after it is already handled by Sastrawi.
  const noIn = word.replace(/(?:in|inn?ya)$/, '');
  if (noIn !== word && noIn.length >= 3) out.push(noIn);
  for (const base of [...out]) {
    const di = base.replace(/^di(?=[a-z]{3,})/, '');
    if (di !== base) out.push(di);
  }
  for (const base of [...out]) {
    for (const [prefix, replacements] of NASAL) {
      if (!prefix.test(base)) continue;
      for (const r of replacements) out.push(base.replace(prefix, r));
    }
  }
  return out;
}

/** "e" for "a" in the last syllable (dateng, malem, dapet) and final "e" for "ai" (pake, sampe, rame). */
function vowelVariants(word: string): string[] {
  const closed = /^(.*[^aiueo])e([^aiueo]+)$/.exec(word);
  if (closed) return [`${closed[1]}a${closed[2]}`];
  const open = /^(.*[^aiueo])e$/.exec(word);
  return open ? [`${open[1]}ai`] : [];
}

/** Dictionary root of a colloquial form, or null when no rule yields a known root. */
export function colloquialRoot(word: string): string | null {
  for (const base of bases(word)) {
    for (const candidate of [base, ...vowelVariants(base)]) {
      // Dictionary look-ups only: stemming every candidate made a cold message cost several milliseconds.
      if (candidate.length >= 3 && isRootWord(candidate)) return candidate;
    }
  }
  return null;
}
