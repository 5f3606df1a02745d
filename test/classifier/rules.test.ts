import { describe, expect, it } from 'vitest';
import { loadRules, loadSlang } from '../../src/classifier/runtime/corpus.js';
import { createClassifier } from '../../src/classifier/runtime/inference.js';
import { preprocess } from '../../src/classifier/runtime/preprocess.js';
import { compileRules, findEmergencyKeyword, findOverride } from '../../src/classifier/runtime/rules.js';
import { trainTinyModel } from './fixtures.js';

const rules = loadRules();
const slang = loadSlang();
const norm = (text: string) => preprocess(text, { slang: slang.entries, maxChars: 2000 }).join(' ');

describe('rules.json', () => {
  it('is valid and rejects broken patterns with a clear error', () => {
    expect(rules.overrides.length).toBeGreaterThanOrEqual(2);
    const broken = { ...rules.config, overrides: [{ ...rules.config.overrides[0], patterns: ['(unclosed'] }] };
    expect(() => compileRules(broken)).toThrow(/regular expression/);
  });

  it('sends SMA/SMK/SLB to the province when the model says DINDIKBUD or PROVINSI', () => {
    for (const text of [
      'guru SMAN 2 cilegon galak',
      'pungli di SMA Negeri 1',
      'SMKN 3 rusak',
      'SLB kekurangan guru',
      'sma n 1',
    ]) {
      const decision = findOverride(rules, norm(text), 'DINDIKBUD');
      expect(decision?.label, text).toBe('PROVINSI');
      expect(decision?.reason).toBe('aturan: SMA/SMK/SLB adalah kewenangan provinsi');
    }
    expect(findOverride(rules, norm('guru SMA galak'), 'PROVINSI')?.label).toBe('PROVINSI');
  });

  it('does not apply outside the related family', () => {
    expect(findOverride(rules, norm('banjir di depan SMAN 2'), 'BPBD')).toBeNull();
    expect(findOverride(rules, norm('macet di jalan tol'), 'DISHUB')).toBeNull();
  });

  it('sends SD/SMP back to the city when the model says PROVINSI', () => {
    expect(findOverride(rules, norm('pungutan di SMPN 5 cilegon'), 'PROVINSI')?.label).toBe('DINDIKBUD');
    expect(findOverride(rules, norm('pungutan di SMP dan SMA'), 'PROVINSI')?.label).toBe('PROVINSI');
  });

  it('sends named national roads and toll roads to JALAN_NASIONAL', () => {
    for (const text of [
      'Jl. Raya Merak berlubang',
      'jalan raya serang-cilegon rusak',
      'jalan nasional amblas',
      'jalan tol retak',
    ]) {
      expect(findOverride(rules, norm(text), 'DPUTR')?.label, text).toBe('JALAN_NASIONAL');
    }
    expect(findOverride(rules, norm('jalan kampung berlubang'), 'DPUTR')).toBeNull();
  });

  it('applies the road rule to DISPERKIM only for lighting', () => {
    expect(findOverride(rules, norm('lampu PJU jl raya merak mati'), 'DISPERKIM')?.label).toBe('JALAN_NASIONAL');
    expect(findOverride(rules, norm('taman dekat jl raya merak kotor'), 'DISPERKIM')).toBeNull();
  });

  it('finds emergency keywords', () => {
    expect(findEmergencyKeyword(rules, norm('ada kebakaran!!'))).toBe('kebakaran');
    expect(findEmergencyKeyword(rules, norm('tlg cepat ada yg pingsan'))).not.toBeNull();
    expect(findEmergencyKeyword(rules, norm('terima kasih pak'))).toBeNull();
  });

  it('treats urgency words as no evidence of an emergency', () => {
    for (const text of ['tolong segera diperbaiki', 'mohon cepat tolong', 'darurat sampah di kampung kami']) {
      expect(findEmergencyKeyword(rules, norm(text)), text).toBeNull();
    }
  });

  it('fires rules only on the subject, not on an institution named as a place', () => {
    const framed = (text: string) =>
      preprocess(text, { slang: slang.entries, maxChars: 2000, framing: true }).join(' ');
    expect(findOverride(rules, framed('pungli di SMAN 2'), 'DINDIKBUD')?.label).toBe('PROVINSI');
    expect(findOverride(rules, framed('jalan rusak di depan SMAN 2'), 'DINDIKBUD')).toBeNull();
    expect(findOverride(rules, framed('guru SD Negeri 3 dekat SMAN 2 sering bolos'), 'PROVINSI')?.label).toBe(
      'DINDIKBUD',
    );
  });
});

describe('rules inside the classifier', () => {
  const classifier = createClassifier(trainTinyModel());

  it('overrides with the family probability and states the rule as the first reason', () => {
    const result = classifier.classify('guru SMAN 1 sering tidak masuk kelas');
    expect(result.agency).toBe('PROVINSI');
    expect(result.jurisdiction).toBe('province');
    expect(result.authority).toBe('Pemerintah Provinsi Banten');
    expect(result.reasons[0]).toBe('aturan: SMA/SMK/SLB adalah kewenangan provinsi');
    expect(result.alternatives.map((a) => a.agency)).not.toContain('DINDIKBUD');
    const total = result.confidence + result.alternatives.reduce((sum, a) => sum + a.confidence, 0);
    expect(total).toBeLessThanOrEqual(1.0001);
  });

  it('never files an emergency as BUKAN_ADUAN', () => {
    for (const text of [
      'terima kasih, ada kebakaran',
      'selamat pagi min, tolong cepat ada yang pingsan',
      'mantap... eh ada kecelakaan',
    ]) {
      const result = classifier.classify(text);
      expect(result.agency, text).not.toBe('BUKAN_ADUAN');
    }
    const guarded = classifier.classify('terima kasih admin pelayanannya bagus, tapi ada kebakaran');
    expect(guarded.agency).toBe('DARURAT');
  });
});
