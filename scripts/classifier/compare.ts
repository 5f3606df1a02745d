/**
 * Model and feature comparison by 5-fold cross-validation on the TRAINING corpus only (the held-out split
 * is never read here). Run: npx tsx scripts/classifier/compare.ts (npm run classifier:compare) [--quick]
 */

import { macroF1 } from '../../src/classifier/evaluation/metrics.js';
import { createNaturalBayes } from '../../src/classifier/evaluation/natural-bayes.js';
import { loadSlang, loadTrainingCorpus } from '../../src/classifier/runtime/corpus.js';
import type { FeatureConfig } from '../../src/classifier/runtime/features.js';
import { isStopword } from '../../src/classifier/runtime/features.js';
import { rankLabels, softmax } from '../../src/classifier/runtime/linear.js';
import { preprocess } from '../../src/classifier/runtime/preprocess.js';
import { stem } from '../../src/classifier/runtime/stem-cache.js';
import { chooseThreshold, fitTemperature } from '../../src/classifier/training/calibration.js';
import { DEFAULT_LEARNER, featurize, type LearnerOptions, outOfFoldLogits } from '../../src/classifier/training/fit.js';
import { stratifiedFolds } from '../../src/classifier/training/rng.js';

const FOLDS = 5;
const SEED = 42;
const examples = loadTrainingCorpus();
const slangData = loadSlang();
const slang = slangData.entries;
const labels = [...new Set(examples.map((e) => e.label))].sort();
const ys = examples.map((e) => labels.indexOf(e.label));
const pre = { slang, maxChars: 2000, concepts: slangData.concepts };

interface Row {
  name: string;
  accuracy: number;
  macroF1: number;
  nll: number;
  threshold: number;
  reviewRate: number;
  seconds: number;
}

function summarise(name: string, probs: Float64Array[], seconds: number): Row {
  const top = probs.map((p) => rankLabels(p)[0] as number);
  const correct = top.map((t, i) => t === ys[i]);
  const conf = probs.map((p, i) => p[top[i] as number] as number);
  const choice = chooseThreshold(conf, correct, { minAccuracy: 0.97, maxReviewRate: 0.25 });
  const nll = probs.reduce((s, p, i) => s - Math.log(Math.max(1e-12, p[ys[i] as number] as number)), 0) / probs.length;
  return {
    name,
    accuracy: correct.filter(Boolean).length / correct.length,
    macroF1: macroF1(
      top.map((t, i) => ({ label: labels[ys[i] as number] ?? '', predicted: labels[t] ?? '', confidence: 0 })),
    ),
    nll,
    threshold: choice.threshold,
    reviewRate: choice.reviewRate,
    seconds,
  };
}

function runLinear(name: string, features: FeatureConfig, learner: Partial<LearnerOptions>): Row {
  const started = performance.now();
  const docs = featurize(
    examples.map((e) => e.text),
    pre,
    features,
  );
  const opts = { ...DEFAULT_LEARNER, ...learner };
  const logits = outOfFoldLogits(docs, ys, labels.length, opts, { folds: FOLDS, seed: SEED });
  // Temperature fitted on the same OOF logits: fine for ranking models by calibrated NLL.
  const t = fitTemperature(logits, ys);
  return summarise(
    name,
    logits.map((l) => softmax(l, t)),
    (performance.now() - started) / 1000,
  );
}

function runNaturalBayes(name: string, ourPipeline: boolean): Row {
  const started = performance.now();
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    FOLDS,
    SEED,
  );
  const tokens = (text: string): string[] =>
    preprocess(text, pre)
      .filter((t) => t.length > 1 && !isStopword(t))
      .map(stem);
  const probs = new Array<Float64Array>(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const bayes = createNaturalBayes();
    examples.forEach((e, i) => {
      if (folds[i] !== fold) bayes.addDocument(ourPipeline ? tokens(e.text) : e.text, e.label);
    });
    bayes.train();
    examples.forEach((e, i) => {
      if (folds[i] !== fold) return;
      const scores = bayes.getClassifications(ourPipeline ? tokens(e.text) : e.text);
      // natural's values are unnormalised likelihood products: normalise them to compare.
      const p = new Float64Array(labels.length);
      for (const s of scores) p[labels.indexOf(s.label)] = s.value;
      const sum = p.reduce((a, b) => a + b, 0);
      probs[i] = sum > 0 ? p.map((v) => v / sum) : p.fill(1 / labels.length);
    });
  }
  return summarise(name, probs, (performance.now() - started) / 1000);
}

const quick = process.argv.includes('--quick');
const words: FeatureConfig = { stems: false, bigrams: false, charNgrams: null, concepts: false };
const stems: FeatureConfig = { ...words, stems: true };
const chosen: FeatureConfig = { ...stems, concepts: true };
const rows: Row[] = [];
const run = (row: () => Row) => {
  const r = row();
  rows.push(r);
  console.log(
    `| ${r.name} | ${r.accuracy.toFixed(3)} | ${r.macroF1.toFixed(3)} | ${r.nll.toFixed(3)} | ` +
      `${r.threshold.toFixed(2)} | ${(r.reviewRate * 100).toFixed(1)}% | ${r.seconds.toFixed(1)} |`,
  );
};

console.log(`${examples.length} examples, ${labels.length} labels, ${FOLDS}-fold CV (training corpus only)`);
console.log(
  '| model / features | accuracy | macro-F1 | NLL (calibrated) | threshold for 97% | review rate | seconds |',
);
console.log('|---|---|---|---|---|---|---|');
if (!quick) {
  run(() => runNaturalBayes('natural BayesClassifier, its own pipeline', false));
  run(() => runNaturalBayes('natural BayesClassifier, our tokens + stems', true));
}
for (const alpha of [0.1, 0.3, 1])
  run(() => runLinear(`sparse NB alpha=${alpha}, words+stems+concepts`, chosen, { algorithm: 'naive-bayes', alpha }));
run(() => runLinear('sparse NB alpha=1, words+stems', stems, { algorithm: 'naive-bayes', alpha: 1 }));
for (const l2 of [3e-5, 1e-4, 3e-4, 1e-3])
  run(() => runLinear(`softmax l2=${l2}, words+stems+concepts`, chosen, { l2 }));
run(() => runLinear('softmax l2=1e-4, words only', words, { l2: 1e-4 }));
run(() => runLinear('softmax l2=1e-4, words+stems', stems, { l2: 1e-4 }));
run(() => runLinear('softmax l2=1e-4, words+stems+bigrams', { ...stems, bigrams: true }, { l2: 1e-4 }));
run(() => runLinear('softmax l2=1e-4, words+stems+concepts+bigrams', { ...chosen, bigrams: true }, { l2: 1e-4 }));
if (!quick) {
  run(() =>
    runLinear('softmax l2=1e-4, words+stems+concepts+char 4-grams', { ...chosen, charNgrams: [4, 4] }, { l2: 1e-4 }),
  );
}
run(() => runLinear('softmax l2=1e-4, words+stems+concepts, minDf=1', chosen, { l2: 1e-4, minDf: 1 }));
run(() => runLinear('softmax l2=1e-4, words+stems+concepts, minDf=3', chosen, { l2: 1e-4, minDf: 3 }));
