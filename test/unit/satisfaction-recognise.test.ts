// The rating recogniser on the answers reporters really send: digits, number words, stars, words only, "not
// fixed yet", and what must not be read as a rating (counts in a new complaint, long reports, thanks).
import { describe, expect, it } from 'vitest';
import { recogniseRating, wordScore } from '../../src/app/satisfaction-recognise.js';

describe('recogniseRating: scores', () => {
  it.each([
    ['4', 4, null],
    [' 5 ', 5, null],
    ['1', 1, null],
    ['5 terima kasih', 5, 'terima kasih'],
    ['5, terima kasih pak', 5, 'terima kasih pak'],
    ['4/5', 4, null],
    ['4 dari 5', 4, null],
    ['nilai 3', 3, null],
    ['Nilai: 4. Petugasnya ramah', 4, 'Petugasnya ramah'],
    ['skor 2', 2, null],
    ['rating 5!', 5, null],
    ['4 bintang', 4, null],
    ['bintang 5', 5, null],
    ['lima', 5, null],
    ['Empat, cukup cepat', 4, 'cukup cepat'],
    ['3 lumayan lah', 3, 'lumayan lah'],
    ['5⭐', 5, null],
  ])('%j is %i', (text, rating, comment) => {
    expect(recogniseRating(text)).toEqual({ rating, comment, notResolved: false });
  });

  it.each([
    ['⭐⭐⭐', 3],
    ['⭐️⭐️⭐️⭐️', 4],
    ['⭐', 1],
    ['🌟🌟🌟🌟🌟', 5],
    ['★★', 2],
  ])('%s (stars) is %i', (text, rating) => {
    expect(recogniseRating(text)).toMatchObject({ rating, notResolved: false });
  });

  it('keeps the words after stars as the comment', () => {
    expect(recogniseRating('⭐⭐⭐⭐ mantap, sudah mulus')).toEqual({
      rating: 4,
      comment: 'mantap, sudah mulus',
      notResolved: false,
    });
  });
});

describe('recogniseRating: not fixed yet', () => {
  it('reads a low score with "masih rusak" as both', () => {
    expect(recogniseRating('2 jalannya masih rusak')).toEqual({
      rating: 2,
      comment: 'jalannya masih rusak',
      notResolved: true,
    });
  });

  it.each([
    'belum selesai',
    'Belum selesai pak',
    'blm beres',
    'BELUM DIPERBAIKI',
    'masih rusak',
    'lampunya masih mati',
    'sampahnya masih numpuk',
    'gak ada perbaikan sama sekali',
    'belum ada petugas yang datang',
    'tidak selesai, masih berlubang',
  ])('%j is "not resolved" without a score', (text) => {
    expect(recogniseRating(text)).toMatchObject({ rating: null, notResolved: true, comment: text });
  });

  it('a score with "belum selesai" keeps the score', () => {
    expect(recogniseRating('1 belum selesai')).toMatchObject({ rating: 1, notResolved: true });
  });
});

describe('recogniseRating: words only', () => {
  it.each([
    ['sangat puas', 5],
    ['Puas sekali, terima kasih', 5],
    ['puas', 4],
    ['mantap', 4],
    ['bagus, cepat ditangani', 4],
    ['cukup', 3],
    ['biasa aja', 3],
    ['kurang puas, lama sekali', 2],
    ['belum puas', 2],
    ['lambat', 2],
    ['tidak puas', 1],
    ['gak puas', 1],
    ['kecewa', 1],
    ['sangat kecewa', 1],
  ])('%j is %i', (text, rating) => {
    expect(recogniseRating(text)).toMatchObject({ rating, notResolved: false, comment: text });
  });

  it('strongest phrase first: "sangat puas" is 5, "tidak puas" is not 4', () => {
    expect(wordScore('sangat puas')).toBe(5);
    expect(wordScore('tidak puas')).toBe(1);
    expect(wordScore('kurang puas')).toBe(2);
  });
});

describe('recogniseRating: not an answer', () => {
  it.each([
    '2 lampu mati di jl Sudirman',
    '2 lampu jalan mati di Jl. Ahmad Yani depan masjid',
    '3 hari sampah menumpuk di pasar Kranggot',
    '5 titik jalan berlubang di Cibeber',
    'dua lampu mati di gang Melati',
    'satu lagi pak, saluran air di RT 03 mampet',
    '10',
    '0',
    '6',
    '12 rumah kebanjiran',
    'terima kasih',
    'halo',
    'status CLG-261128-7KQ2',
    '',
    '   ',
    'Lampu jalan di Jl. Merak mati sudah tiga hari dan warga takut lewat malam hari karena gelap sekali dan sering ada begal',
    'jalan rusak ⭐',
    'Jalan rusak parah di depan pasar, pelayanan buruk',
    'Sampah menumpuk di gang Melati, bau dan jelek sekali',
    'lampu di RT 03 mati, kecewa',
  ])('%j', (text) => {
    expect(recogniseRating(text)).toBeNull();
  });

  it('a separator makes a leading number a score even before a counted word', () => {
    expect(recogniseRating('2, lampu masih mati')).toMatchObject({ rating: 2, notResolved: true });
  });
});
