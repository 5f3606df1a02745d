/** k-fold cross-validation of the whole pipeline (features, training, calibration, rules, guard). */
import type { LabelledExample } from '../runtime/corpus.js';
import { createClassifier } from '../runtime/inference.js';
import type { RulesConfig } from '../runtime/rules.js';
import { stratifiedFolds } from '../training/rng.js';
import { type TrainOptions, trainModel } from '../training/train.js';
import type { ScoredPrediction } from './metrics.js';

/** Options of a cross-validation run. */
export interface CrossValidateOptions extends Partial<TrainOptions> {
  folds: number;
  threshold: number;
  slang: Record<string, string>;
  rules: RulesConfig;
  /** Folds of the inner calibration inside each training fold (default 3, to keep the run short). */
  innerFolds?: number;
}

/**
 * Scores every corpus example with a full model (inner calibration included) trained without its fold.
 * Returns predictions in corpus order.
 */
export function crossValidateClassifier(
  examples: readonly LabelledExample[],
  options: CrossValidateOptions,
): ScoredPrediction[] {
  const seed = options.seed ?? 42;
  const assignment = stratifiedFolds(
    examples.map((e) => e.label),
    options.folds,
    seed,
  );
  const predictions = new Array<ScoredPrediction>(examples.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const train = examples.filter((_, i) => assignment[i] !== fold);
    const model = trainModel(train, { ...options, calibrationFolds: options.innerFolds ?? 3, seed });
    const classifier = createClassifier(model, { threshold: options.threshold });
    examples.forEach((example, i) => {
      if (assignment[i] !== fold) return;
      const c = classifier.classify(example.text);
      predictions[i] = { label: example.label, predicted: c.agency, confidence: c.confidence };
    });
  }
  return predictions;
}
