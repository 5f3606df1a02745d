import { fitTemperature, chooseThreshold } from '../src/classifier/calibration.js';
import { loadSlang, loadTrainingCorpus } from '../src/classifier/corpus.js';
import { rankLabels, softmax } from '../src/classifier/linear.js';
import { macroF1 } from '../src/classifier/metrics.js';
import { DEFAULT_LEARNER, featurize, outOfFoldLogits } from '../src/classifier/train.js';
import type { FeatureConfig } from '../src/classifier/features.js';
const examples = loadTrainingCorpus();
const slangData = loadSlang();
const slang = slangData.entries;
const labels = [...new Set(examples.map((e) => e.label))].sort();
const ys = examples.map((e) => labels.indexOf(e.label));
function run(name: string, f: FeatureConfig, l2: number, minDf = 2, conceptBoost = 1) {
  const t0 = performance.now();
  const docs = featurize(examples.map((e) => e.text), { slang, maxChars: 2000, concepts: slangData.concepts }, f);
  const logits = outOfFoldLogits(docs, ys, labels.length, { ...DEFAULT_LEARNER, l2, minDf, conceptBoost }, 5, 42);
  const t = fitTemperature(logits, ys);
  const probs = logits.map((l) => softmax(l, t));
  const top = probs.map((p) => rankLabels(p)[0]!);
  const correct = top.map((x, i) => x === ys[i]);
  const ch = chooseThreshold(probs.map((p, i) => p[top[i]!]!), correct, { minAccuracy: 0.97, maxReviewRate: 0.25 });
  const mf = macroF1(top.map((x, i) => ({ label: labels[ys[i]!]!, predicted: labels[x]!, confidence: 0 })));
  console.log(name.padEnd(40), 'acc', (correct.filter(Boolean).length / correct.length).toFixed(3), 'mF1', mf.toFixed(3), 'T', t.toFixed(2), 'thr', ch.threshold, 'review', ch.reviewRate.toFixed(3), ((performance.now() - t0) / 1000).toFixed(1) + 's');
}
const arg = process.argv[2] ?? 'a';
const k = { stems: true, bigrams: false, charNgrams: null, concepts: true } as const;
if (arg === 'a') {
  run('w+s+k l2=1e-4 boost2', k, 1e-4, 2, 2);
  run('w+s+k l2=3e-4 boost2', k, 3e-4, 2, 2);
} else {
  run('w+s+k l2=1e-4 boost3', k, 1e-4, 2, 3);
  run('w+s+k l2=1e-4 boost1.5', k, 1e-4, 2, 1.5);
}
