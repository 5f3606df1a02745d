import { describe, expect, it } from 'vitest';
import { LABELS, labelInfo } from '../../src/classifier/index.js';
import { createClassifier } from '../../src/classifier/runtime/inference.js';
import { truncate } from '../../src/classifier/runtime/preprocess.js';
import type { Classification } from '../../src/classifier/types.js';
import { trainTinyModel } from './fixtures.js';

const model = trainTinyModel();
const classifier = createClassifier(model, { threshold: 0.6 });

function expectValid(result: Classification): void {
  expect(typeof result.agency).toBe('string');
  expect(model.labels).toContain(result.agency);
  expect(['city', 'province', 'central', 'emergency', 'not_complaint']).toContain(result.jurisdiction);
  expect(result.confidence).toBeGreaterThanOrEqual(0);
  expect(result.confidence).toBeLessThanOrEqual(1);
  expect(result.alternatives).toHaveLength(2);
  expect(result.alternatives.map((a) => a.agency)).not.toContain(result.agency);
  expect(result.needsReview).toBe(result.needsReview || result.confidence < 0.6);
  expect(result.modelVersion).toBe(model.version);
  expect(Array.isArray(result.reasons)).toBe(true);
}

describe('labels', () => {
  it('covers the 39 labels with Indonesian authorities and hints for outside authorities', () => {
    expect(LABELS).toHaveLength(39);
    expect(labelInfo('PLN').whereToReport).toMatch(/PLN Mobile/);
    expect(labelInfo('DARURAT').name).toBe('Layanan darurat 112');
    for (const info of LABELS.filter((l) => l.jurisdiction === 'central')) expect(info.whereToReport).toBeTruthy();
    expect(labelInfo('DINAS_BARU')).toMatchObject({ jurisdiction: 'city', whereToReport: null });
  });
});

describe('classify', () => {
  it('classifies clear messages, with calibrated confidence, alternatives and written-word reasons', () => {
    const result = classifier.classify('jln berlubang parahhh di dekat pasar');
    expectValid(result);
    expect(result.agency).toBe('DPUTR');
    expect(result.authority).toBeNull();
    expect(result.reasons).toContain('berlubang');
    const sum = result.confidence + result.alternatives.reduce((s, a) => s + a.confidence, 0);
    expect(sum).toBeLessThanOrEqual(1.0001);
  });

  it('never throws and returns a valid result for hostile input', () => {
    const inputs = [
      '',
      '   ',
      '😡😡😡🔥',
      'a'.repeat(20_000),
      'jalan rusak '.repeat(2_000),
      '1234567890 '.repeat(2_000),
      'The road near my house has a huge pothole, please fix it',
      'dalane rusak parah, ora didandani',
      'jalanna ruksak, teu dibenerkeun',
      '3672012345678901',
      '\u0000\uffff\ud800',
    ];
    for (const text of inputs) expectValid(classifier.classify(text));
    // The work per message is bounded: a huge text is read only up to its first 2,000 characters (cut at a
    // word), so it classifies exactly like that prefix. How fast that is lives in bench:classifier, not here.
    const tail = `lampu jalan mati di depan rumah. ${'salam '.repeat(400)}${'sampah numpuk banjir got mampet '.repeat(300)}`;
    for (const text of [...inputs.filter((t) => t.length > 2_000), tail]) {
      const prefix = truncate(text, 2_000);
      expect(prefix.length).toBeLessThanOrEqual(2_000);
      expect(classifier.classify(text)).toEqual(classifier.classify(prefix));
    }
    // Non-strings from untyped callers are handled too.
    expectValid(classifier.classify(undefined as unknown as string));
    expectValid(classifier.classify(42 as unknown as string));
  });

  it('sends unrecognised text to review as not-a-complaint', () => {
    for (const text of ['', '😡😡😡', '12345 678']) {
      const result = classifier.classify(text);
      expect(result.agency).toBe('BUKAN_ADUAN');
      expect(result.needsReview).toBe(true);
    }
  });

  it('sets needsReview exactly when confidence is below the threshold', () => {
    const text = 'jln berlubang parah';
    const { confidence } = classifier.classify(text);
    expect(createClassifier(model, { threshold: confidence + 0.0001 }).classify(text).needsReview).toBe(true);
    expect(createClassifier(model, { threshold: confidence }).classify(text).needsReview).toBe(false);
    expect(createClassifier(model, { threshold: 0 }).classify(text).needsReview).toBe(false);
  });

  it('is deterministic: same data and seed give the same model', () => {
    expect(trainTinyModel().weights).toEqual(model.weights);
    expect(trainTinyModel().version).toBe(model.version);
  });
});
