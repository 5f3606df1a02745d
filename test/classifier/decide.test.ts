// The decisions after the model, on a real (tiny) trained model with chosen probability vectors: the
// emergency evidence rule, the chatter verdict, the content-word guard and the always-review label.
import { describe, expect, it } from 'vitest';
import { decide, REASONS } from '../../src/classifier/runtime/decide.js';
import { createClassifier } from '../../src/classifier/runtime/inference.js';
import { compileModel } from '../../src/classifier/runtime/model-format.js';
import { trainTinyModel } from './fixtures.js';

const model = compileModel(trainTinyModel());
const settings = { threshold: 0.9, chatterThreshold: 0.8, minContentWords: 2 };

function view(top: string, p: number, extra: Partial<{ normalized: string; contentWords: number }> = {}) {
  // The rest of the mass goes to one other label, so DARURAT stays below the guard's 5% unless it is top.
  const probs = new Float64Array(model.labels.length).fill(0.001);
  const index = model.labelIndex.get(top) as number;
  const other = model.labelIndex.get(top === 'DPUTR' ? 'DINDIKBUD' : 'DPUTR') as number;
  probs[index] = p;
  probs[other] = 1 - p - 0.001 * (model.labels.length - 2);
  return { probs, modelTop: index, normalized: 'x', recognised: 5, contentWords: 4, ...extra };
}

describe('decisions after the model', () => {
  it('sends a model-only DARURAT to review; acute evidence may skip review', () => {
    const noEvidence = decide(model, view('DARURAT', 0.97, { normalized: 'xmohonx jalan rusak' }), settings);
    expect(noEvidence.agency).toBe('DARURAT');
    expect(noEvidence.needsReview).toBe(true);
    expect(noEvidence.reasons[0]).toBe(REASONS.emergencyWithoutEvidence);
    const acute = decide(model, view('DARURAT', 0.97, { normalized: 'ada kebakaran rumah' }), settings);
    expect(acute.needsReview).toBe(false);
  });

  it('dismisses chatter only above the chatter threshold', () => {
    expect(decide(model, view('BUKAN_ADUAN', 0.85), settings)).toMatchObject({
      agency: 'BUKAN_ADUAN',
      needsReview: false,
    });
    const unsure = decide(model, view('BUKAN_ADUAN', 0.7), settings);
    expect(unsure).toMatchObject({ agency: 'BUKAN_ADUAN', needsReview: true });
    expect(unsure.reasons).toContain(REASONS.chatterUnsure);
  });

  it('turns chatter with acute evidence into a reviewed emergency', () => {
    const guarded = decide(model, view('BUKAN_ADUAN', 0.99, { normalized: 'makasih min ada kebakaran' }), settings);
    expect(guarded).toMatchObject({ agency: 'DARURAT', needsReview: true });
    expect(guarded.reasons[0]).toMatch(/^pengaman darurat/);
  });

  it('sends a confident suggestion with too few known content words to review', () => {
    const few = decide(model, view('DPUTR', 0.99, { contentWords: 1 }), settings);
    expect(few).toMatchObject({ agency: 'DPUTR', needsReview: true });
    expect(few.reasons).toContain(REASONS.fewWords);
    expect(decide(model, view('DPUTR', 0.99, { contentWords: 2 }), settings).needsReview).toBe(false);
  });

  it('exposes the complaint probability and the verdict intake uses', () => {
    const classifier = createClassifier(model, { threshold: 0.5, chatterThreshold: 0.01 });
    const chat = classifier.classify('terima kasih admin pelayanannya bagus');
    expect(chat.agency).toBe('BUKAN_ADUAN');
    expect(chat.needsReview).toBe(false);
    expect(chat.complaintProbability).toBeCloseTo(1 - chat.confidence, 3);
    const complaint = classifier.classify('jalan rusak berlubang parah di depan pasar');
    expect(complaint.complaintProbability).toBeGreaterThan(0.5);
  });
});
