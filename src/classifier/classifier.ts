/** Public API of the classifier: the app imports from here (or from index.ts, which re-exports this). */
export {
  type LabelledExample,
  loadHeldout,
  loadRules,
  loadSlang,
  loadStyleEval,
  loadTrainingCorpus,
} from './corpus.js';
export {
  type ClassifierOptions,
  createClassifier,
  DEFAULT_CHATTER_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  type ModelClassifier,
} from './inference.js';
export { authorityOf, LABELS, type LabelInfo, labelInfo } from './labels.js';
export type { SerializedModel } from './model-format.js';
export {
  createReloadingClassifier,
  currentModelPath,
  type LoadOptions,
  loadClassifier,
  loadModelFile,
  type ReloadingClassifier,
  type ReloadingOptions,
  saveModel,
} from './store.js';
export { type TrainOptions, trainModel } from './train.js';
export type { Alternative, Classification, Classifier, Jurisdiction } from './types.js';
