import { describe, expect, it } from 'vitest';
import { evaluate, macroF1 } from '../../src/classifier/evaluation/metrics.js';
import { linearScores, rankLabels, softmax } from '../../src/classifier/runtime/linear.js';
import type { SparseVector } from '../../src/classifier/runtime/vectorizer.js';
import { buildVocabulary, vectorize } from '../../src/classifier/runtime/vectorizer.js';
import { chooseThreshold, fitTemperature, negativeLogLikelihood } from '../../src/classifier/training/calibration.js';
import { minimize } from '../../src/classifier/training/lbfgs.js';
import { trainNaiveBayes } from '../../src/classifier/training/naive-bayes.js';
import { createRng, stratifiedFolds } from '../../src/classifier/training/rng.js';
import { trainSoftmax } from '../../src/classifier/training/softmax.js';

// Two separable classes over four features: label 0 uses features 0/1, label 1 uses features 2/3.
const xs: SparseVector[] = [
  { indices: [0, 1], values: [1, 1] },
  { indices: [0], values: [2] },
  { indices: [1], values: [1] },
  { indices: [2, 3], values: [1, 1] },
  { indices: [3], values: [2] },
  { indices: [2], values: [1] },
];
const ys = [0, 0, 0, 1, 1, 1];

describe('L-BFGS', () => {
  it('finds the minimum of a convex quadratic', () => {
    const target = [3, -2, 0.5];
    const result = minimize((x, g) => {
      let f = 0;
      x.forEach((v, i) => {
        const d = v - (target[i] as number);
        f += (i + 1) * d * d;
        g[i] = 2 * (i + 1) * d;
      });
      return f;
    }, new Float64Array(3));
    for (const [i, v] of result.x.entries()) expect(v).toBeCloseTo(target[i] as number, 4);
  });
});

describe('naive Bayes', () => {
  it('separates separable data and matches hand-computed log-likelihoods', () => {
    const model = trainNaiveBayes(xs, ys, 2, 4, { alpha: 1, uniformPrior: true });
    // Class 0 counts: f0=3, f1=2, total 5; smoothed P(f0|0) = (3+1)/(5+4).
    expect(model.weights[0 * 2 + 0]).toBeCloseTo(Math.log(4 / 9), 10);
    for (const [n, x] of xs.entries()) expect(rankLabels(linearScores(model, x))[0]).toBe(ys[n]);
  });
});

describe('softmax regression', () => {
  it('fits separable data with probabilities that favour the right label', () => {
    const model = trainSoftmax(xs, ys, 2, 4, { l2: 1e-3, maxIterations: 200 });
    for (const [n, x] of xs.entries()) {
      const p = softmax(linearScores(model, x));
      expect(p[ys[n] as number]).toBeGreaterThan(0.8);
    }
  });

  it('shrinks weights as L2 grows and is deterministic', () => {
    const norm = (w: ArrayLike<number>) => Array.from(w).reduce((s, v) => s + v * v, 0);
    const weak = trainSoftmax(xs, ys, 2, 4, { l2: 1e-3, maxIterations: 200 });
    const strong = trainSoftmax(xs, ys, 2, 4, { l2: 1, maxIterations: 200 });
    expect(norm(strong.weights)).toBeLessThan(norm(weak.weights));
    expect(Array.from(trainSoftmax(xs, ys, 2, 4, { l2: 1e-3, maxIterations: 200 }).weights)).toEqual(
      Array.from(weak.weights),
    );
  });

  it('reaches the optimum: no small weight change lowers the objective', () => {
    // At the optimum of a convex objective the loss cannot be lowered by small perturbations.
    const model = trainSoftmax(xs, ys, 2, 4, { l2: 0.1, maxIterations: 500 });
    const loss = (w: Float64Array | Float32Array) => {
      const m = { ...model, weights: w };
      let total = 0;
      xs.forEach((x, n) => {
        total -= Math.log(softmax(linearScores(m, x))[ys[n] as number] as number);
      });
      return total / xs.length + 0.05 * Array.from(w).reduce((s, v) => s + v * v, 0);
    };
    const base = loss(model.weights);
    for (let i = 0; i < model.weights.length; i++) {
      const bumped = Float64Array.from(model.weights);
      bumped[i] = (bumped[i] as number) + 1e-3;
      expect(loss(bumped)).toBeGreaterThanOrEqual(base - 1e-7);
    }
  });
});

describe('vectorizer', () => {
  it('prunes rare features and L2-normalises TF-IDF vectors', () => {
    const docs = [
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
      new Map([['a', 2]]),
      new Map([['c', 1]]),
    ];
    const vocab = buildVocabulary(docs, 2);
    expect(vocab.names).toEqual(['a']);
    const v = vectorize(
      new Map([
        ['a', 3],
        ['zzz', 1],
      ]),
      vocab,
      'tfidf',
    );
    expect(v.indices).toEqual([0]);
    expect(v.values[0]).toBeCloseTo(1, 10);
  });
});

describe('calibration', () => {
  it('recovers the temperature that generated the labels', () => {
    // Logits scaled by 3: the right temperature to undo over-confidence is about 3.
    const rng = createRng(7);
    const logits: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const base = Float64Array.from([rng() * 4, rng() * 4, rng() * 4]);
      const p = softmax(base);
      const r = rng();
      labels.push(r < (p[0] as number) ? 0 : r < (p[0] as number) + (p[1] as number) ? 1 : 2);
      logits.push(base.map((v) => v * 3));
    }
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(2.5);
    expect(t).toBeLessThan(3.5);
    expect(negativeLogLikelihood(logits, labels, t)).toBeLessThan(negativeLogLikelihood(logits, labels, 1));
  });

  it('chooses the lowest threshold meeting the accuracy target', () => {
    const confidences = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5];
    const correct = [true, true, true, false, true, false];
    const choice = chooseThreshold(confidences, correct, { minAccuracy: 0.99, maxReviewRate: 0.6 });
    expect(choice.threshold).toBeCloseTo(0.71, 5);
    expect(choice.accuracyNotReviewed).toBe(1);
    expect(choice.reviewRate).toBeCloseTo(0.5, 10);
    expect(choice.meetsTargets).toBe(true);
  });
});

describe('metrics and folds', () => {
  it('computes macro-F1 and a reliability table', () => {
    const preds = [
      { label: 'A', predicted: 'A', confidence: 0.95 },
      { label: 'A', predicted: 'B', confidence: 0.55 },
      { label: 'B', predicted: 'B', confidence: 0.85 },
    ];
    // A: P=1, R=0.5; B: P=0.5, R=1; both F1 = 2/3.
    expect(macroF1(preds)).toBeCloseTo(2 / 3, 10);
    const report = evaluate(preds, 0.6);
    expect(report.reviewRate).toBeCloseTo(1 / 3, 10);
    expect(report.accuracyNotReviewed).toBe(1);
    expect(report.reliability).toHaveLength(10);
    expect(report.reliability[9]?.count).toBe(1);
    expect(report.confusions).toEqual([{ label: 'A', predicted: 'B', count: 1 }]);
  });

  it('makes stratified, seeded folds', () => {
    const labels = [...Array(10).fill('A'), ...Array(10).fill('B')] as string[];
    const folds = stratifiedFolds(labels, 5, 1);
    expect(stratifiedFolds(labels, 5, 1)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      expect(folds.filter((x, i) => x === f && labels[i] === 'A')).toHaveLength(2);
    }
  });
});
