import { describe, expect, it } from 'vitest';
import { cleanText, truncateText } from '../../src/domain/text-hygiene.js';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text hygiene', () => {
  it('drops NUL and other control characters, keeps tabs and line breaks', () => {
    expect(cleanText('jalan\u0000 rusak\u0007\tparah\r\nsekali\u007f')).toBe('jalan rusak\tparah\r\nsekali');
  });

  it('replaces lone surrogates and keeps valid pairs, RTL marks and every plane', () => {
    expect(cleanText('a\uD83Db\uDE00c😀')).toBe('a\uFFFDb\uFFFDc😀');
    const text = 'مرحبا \u200F שלום 𝕏 𠀀 \u{10FFFD}';
    expect(cleanText(text)).toBe(text);
  });

  it('never splits a code point or a grapheme when cutting', () => {
    const text = `${'a'.repeat(9_999)}😀${'b'.repeat(10_000)}`;
    expect(text.slice(0, 10_000)).toMatch(LONE); // the naive cut splits the emoji
    const cut = truncateText(text, 10_000);
    expect(cut).toBe('a'.repeat(9_999));
    expect(cut).not.toMatch(LONE);
    const family = '👨‍👩‍👧‍👦';
    expect(truncateText(`ab${family}cd`, 5)).toBe('ab');
    expect(truncateText(`ab${family}cd`, 2 + family.length)).toBe(`ab${family}`);
    expect(truncateText('kafe\u0301 enak', 4)).toBe('kaf');
    expect(truncateText('pendek', 100)).toBe('pendek');
  });
});
