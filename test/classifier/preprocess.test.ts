import { describe, expect, it } from 'vitest';
import { loadSlang } from '../../src/classifier/runtime/corpus.js';
import { extractFeatures } from '../../src/classifier/runtime/features.js';
import {
  normalizeText,
  PLACEHOLDERS,
  preprocess,
  squeezeRepeats,
  truncate,
} from '../../src/classifier/runtime/preprocess.js';
import { stem } from '../../src/classifier/runtime/stem-cache.js';

const slang = loadSlang();
const config = { slang: slang.entries, maxChars: 2000 };

describe('slang dictionary', () => {
  it('has 150+ entries including the common informal forms', () => {
    expect(Object.keys(slang.entries).length).toBeGreaterThanOrEqual(150);
    const expected: Record<string, string> = {
      yg: 'yang',
      udh: 'sudah',
      udah: 'sudah',
      gak: 'tidak',
      ga: 'tidak',
      nggak: 'tidak',
      ngga: 'tidak',
      tdk: 'tidak',
      blm: 'belum',
      jln: 'jalan',
      jl: 'jalan',
      gmn: 'bagaimana',
      bgt: 'banget',
      skrg: 'sekarang',
      tlg: 'tolong',
      sy: 'saya',
      kmrn: 'kemarin',
      dgn: 'dengan',
      krn: 'karena',
      sdh: 'sudah',
      min: 'admin',
    };
    for (const [word, standard] of Object.entries(expected)) expect(slang.entries[word]).toBe(standard);
  });

  it('maps informal, Javanese and Sundanese words to Indonesian', () => {
    expect(preprocess('jln udh rusak parah gan', config)).toEqual(['jalan', 'sudah', 'rusak', 'parah', 'gan']);
    expect(preprocess('banyu ora mili', config).slice(0, 2)).toEqual(['air', 'tidak']);
    expect(preprocess('cai teu ngocor', config).slice(0, 2)).toEqual(['air', 'tidak']);
  });
});

describe('normalisation', () => {
  it('squeezes repeated letters ("parahhh" -> "parah")', () => {
    expect(squeezeRepeats('parahhh')).toBe('parah');
    expect(squeezeRepeats('tolongg')).toBe('tolong');
    expect(squeezeRepeats('maaf')).toBe('maaf');
    expect(preprocess('sampahhh numpukkk udahhh 3 hari', config)).toEqual(['sampah', 'numpuk', 'sudah', '3', 'hari']);
  });

  it('keeps short slang with doubled letters ("gg" is gang, "kk" is kartu keluarga)', () => {
    expect(preprocess('gg mawar', config)).toEqual(['gang', 'mawar']);
    expect(preprocess('kk hilang', config)).toEqual(['kartu', 'keluarga', 'hilang']);
  });

  it('reduces reduplication ("anak2", "anak-anak") and splits other hyphenated words', () => {
    expect(preprocess('anak2 main', config)).toEqual(['anak', 'main']);
    expect(preprocess('anak-anak main', config)).toEqual(['anak', 'main']);
    expect(preprocess('raya-merak', config)).toEqual(['raya', 'merak']);
  });

  it('replaces URLs, mentions, e-mails, phone numbers and NIK with placeholders, keeping hashtag words', () => {
    const text =
      'Cek https://lapor.go.id/x @pemkot_cilegon #banjir hub 0812-3456-7890 email a.b@mail.com NIK 3672012345678901';
    const normalized = normalizeText(text, 2000);
    expect(normalized).toContain(PLACEHOLDERS.url);
    expect(normalized).toContain(PLACEHOLDERS.mention);
    expect(normalized).toContain(`${PLACEHOLDERS.hashtag} banjir`);
    expect(normalized).toContain(PLACEHOLDERS.phone);
    expect(normalized).toContain(PLACEHOLDERS.email);
    expect(normalized).toContain(PLACEHOLDERS.nik);
    expect(normalized).not.toMatch(/\d{5,}/);
  });

  it('removes NIK written in groups and never leaves 16 digits in the tokens', () => {
    const tokens = preprocess('nik saya 3672 0123 4567 8901 dan kk 3672-0123-4567-8902', config);
    expect(tokens).toContain(PLACEHOLDERS.nik);
    expect(tokens.join(' ')).not.toMatch(/\d{5,}/);
  });

  it('folds accents and fancy Unicode letters', () => {
    expect(preprocess('𝗝𝗮𝗹𝗮𝗻 rusak café', config)).toEqual(['jalan', 'rusak', 'cafe']);
  });

  it('truncates long text at a word boundary', () => {
    const text = 'kata '.repeat(1000);
    expect(truncate(text, 100).length).toBeLessThanOrEqual(100);
    expect(truncate(text, 100).endsWith('kata')).toBe(true);
  });
});

describe('stems and features', () => {
  it('memoised stems, including colloquial forms Sastrawi cannot stem', () => {
    expect(stem('jalanan')).toBe('jalan');
    expect(stem('berlubang')).toBe('lubang');
    expect(stem('nutupin')).toBe('tutup');
    expect(stem('dateng')).toBe('datang');
    expect(stem('perbaikan')).toBe(stem('perbaikan'));
  });

  it('keeps surface word and stem, drops stop words, credits features to the written word', () => {
    const pre = preprocess('jln berlubang yang parah', config);
    const doc = extractFeatures(
      pre,
      { stems: true, bigrams: true, charNgrams: null },
      { origins: ['jln', 'berlubang', 'yang', 'parah'] },
    );
    expect(doc.counts.has('w:berlubang')).toBe(true);
    expect(doc.counts.has('s:lubang')).toBe(true);
    expect(doc.counts.has('w:yang')).toBe(false);
    expect(doc.counts.has('b:berlubang_parah')).toBe(true);
    expect(doc.sources.get('w:jalan')).toBe('jln');
  });
});
