// The one percentile (dashboard and benchmarks) and the one markup escaper (HTML pages and Open311 XML).
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/domain/statistics.js';
import { escapeMarkup } from '../../src/http/escape.js';

describe('percentile (nearest rank)', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it.each([
    [50, 5],
    [90, 9],
    [95, 10],
    [100, 10],
    [1, 1],
  ])('p%d of 1..10 is %d, a value that was seen', (p, expected) => {
    expect(percentile(ten, p)).toBe(expected);
  });
  it('is null for no values and the value itself for one', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7.5], 90)).toBe(7.5);
  });
  it('takes the lower middle for an even count (p50 of two is the first)', () => {
    expect(percentile([2, 8], 50)).toBe(2);
  });
});

describe('escapeMarkup', () => {
  it('escapes the five markup characters, and nothing else', () => {
    expect(escapeMarkup(`<a href="x">Jl. 'Gang' & co</a> 😀 é`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Jl. &apos;Gang&apos; &amp; co&lt;/a&gt; 😀 é',
    );
  });
});
