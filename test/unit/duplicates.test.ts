// The duplicate scorer on its own: text similarity through slang and stems, distance, place names in text,
// time, agency, the Indonesian reasons, and its measured quality on the labelled Cilegon reports.
import { describe, expect, it } from 'vitest';
import { loadReports, metricsAt, scoreAllPairs } from '../../bench/duplicate-eval.js';
import { duplicateModel } from '../../src/app/duplicate-candidates.js';
import { haversineMetres, placesInText, samePlaceName } from '../../src/app/duplicate-places.js';
import { terms } from '../../src/app/duplicate-text.js';
import {
  DEFAULT_DUPLICATE_SETTINGS,
  type DuplicateInput,
  prepare,
  scorePair,
  timeReason,
} from '../../src/app/duplicates.js';

const model = duplicateModel();
const at = (day: number, hour = 8) => new Date(Date.UTC(2026, 10, day, hour));
const score = (a: DuplicateInput, b: DuplicateInput) =>
  scorePair(prepare(a, model.config, model.idf), prepare(b, model.config, model.idf));

describe('duplicate scorer', () => {
  it('reads slang and inflections as the same words, and drops courtesy and stop words', () => {
    expect(terms('Tolong pak, jln ciwaduk berlubang udh lama', model.config)).toEqual(['jalan', 'ciwaduk', 'lubang']);
  });

  it('finds street, kelurahan and landmark names however they are written, and not inside other words', () => {
    const names = (t: string) => placesInText(t).map((p) => p.name);
    expect(names('jl. Ciwaduk Raya depan SDN Ciwaduk 2 rusak')).toEqual(['ciwadukraya', 'sdnciwaduk', 'ciwaduk']);
    expect(names('di Kelurahan Jombang Wetan')).toContain('jombangwetan');
    expect(names('motor ngerem mendadak')).toEqual([]);
    expect(samePlaceName('sudirman', 'jenderalsudirman')).toBe(true);
    expect(samePlaceName('tirtayasa', 'tirtayas')).toBe(true);
    expect(samePlaceName('ciwaduk', 'ciwedus')).toBe(false);
  });

  it('measures distance on the sphere', () => {
    // 0.001 degree of latitude is about 111 m.
    expect(Math.round(haversineMetres({ lat: -6.0, lon: 106.05 }, { lat: -6.001, lon: 106.05 }))).toBe(111);
  });

  it('scores the same pothole written differently above the threshold, with reasons in Indonesian', () => {
    const s = score(
      { text: 'jln ciwaduk depan SD bolong gede, motor jatuh', createdAt: at(10), agency: 'DPUTR' },
      { text: 'Lubang besar di Jalan Ciwaduk Raya depan sekolah dasar', createdAt: at(12), agency: 'DPUTR' },
    );
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.reasons[0]).toMatch(/^teks mirip 0,\d\d$/);
    expect(s.reasons).toContain('lokasi sama: ciwaduk');
    expect(s.reasons).toContain('2 hari sesudahnya');
    expect(s.reasons).toContain('instansi sama: DPUTR');
  });

  it('tells the same words at another place apart, by coordinates or by street names', () => {
    const text = 'jalan berlubang besar, bahaya buat motor';
    const here = { text, createdAt: at(10), latitude: -6.0052, longitude: 106.0531, agency: 'DPUTR' };
    const near = score(here, { ...here, latitude: -6.0058, longitude: 106.0531 });
    const far = score(here, { ...here, latitude: -6.0252, longitude: 106.0531 });
    expect(near.reasons).toContain('jarak 67 m');
    expect(far.reasons).toContain('jarak 2,22 km');
    expect(far.score).toBeLessThan(0.5);
    expect(near.score).toBeGreaterThan(far.score);
    const streets = score(
      { text: 'Jalan Ciwaduk berlubang besar', createdAt: at(10) },
      { text: 'Jalan Tirtayasa berlubang besar', createdAt: at(10) },
    );
    expect(streets.reasons).toContain('lokasi berbeda');
    expect(streets.score).toBeLessThan(0.5);
  });

  it('tells two kinds of problem at the same place apart', () => {
    const pothole = { text: 'Jalan Ciwaduk Raya berlubang besar', createdAt: at(10) };
    const rubbish = { text: 'Sampah di Jalan Ciwaduk Raya tidak diangkut', createdAt: at(10) };
    const s = score(pothole, rubbish);
    expect(s.reasons).toContain('jenis masalah berbeda');
    expect(s.score).toBeLessThan(score(pothole, { ...pothole, text: 'jln ciwaduk raya bolong gede' }).score);
  });

  it('lowers the score as the reports drift apart in time', () => {
    const a = { text: 'sampah di TPS Ciwaduk tidak diangkut', createdAt: at(1) };
    expect(score(a, { ...a, createdAt: at(2) }).score).toBeGreaterThan(score(a, { ...a, createdAt: at(12) }).score);
    expect(timeReason(at(5), at(3))).toBe('2 hari sebelumnya');
    expect(timeReason(at(5, 8), at(5, 13))).toBe('5 jam sesudahnya');
    expect(timeReason(at(5, 8), at(5, 8))).toBe('pada jam yang sama');
  });

  it('reaches the measured quality on the labelled reports (see docs/duplicates.md)', () => {
    const reports = loadReports();
    expect(reports.length).toBeGreaterThanOrEqual(100);
    const pairs = scoreAllPairs(reports);
    expect(pairs.filter((p) => p.duplicate).length).toBeGreaterThanOrEqual(100);
    const m = metricsAt(pairs, DEFAULT_DUPLICATE_SETTINGS.threshold);
    // Floors a little under the figures in the docs, so a change that hurts the suggestions fails here.
    expect(m.precision).toBeGreaterThanOrEqual(0.87);
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
  });
});
