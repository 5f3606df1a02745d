/**
 * The classifier's public runtime surface: everything the server loads to classify (model files, the
 * reloading classifier, the decision thresholds) plus the text processing the duplicate finder shares.
 * Training (`training/index.ts`) and evaluation (`evaluation/index.ts`) are separate entry points that
 * only the CLI's train/eval/calibrate commands and the scripts load; nothing here imports them.
 */
export {
  CATALOGUE as LABELS,
  type CatalogueEntry as LabelInfo,
  catalogueEntry as labelInfo,
  outsideAuthorityName as authorityOf,
} from '../domain/catalogue.js';
export { runClassifyCommand } from './runtime/classify-command.js';
export { type ConceptIndex, compileConcepts, matchConcepts, stemConcepts } from './runtime/concepts.js';
export {
  type LabelledExample,
  loadHeldout,
  loadRules,
  loadSlang,
  loadStyleEval,
  loadTrainingCorpus,
} from './runtime/corpus.js';
export {
  type ClassifierOptions,
  createClassifier,
  DEFAULT_CHATTER_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  type ModelClassifier,
} from './runtime/inference.js';
export type { SerializedModel } from './runtime/model-format.js';
export { indonesianStopwords } from './runtime/natural.js';
export { DEFAULT_PATHS } from './runtime/paths.js';
export { preprocess } from './runtime/preprocess.js';
export { stem } from './runtime/stem-cache.js';
export {
  createReloadingClassifier,
  currentModelPath,
  type LoadOptions,
  loadClassifier,
  loadModelFile,
  type ReloadingClassifier,
  type ReloadingOptions,
  saveModel,
} from './runtime/store.js';
export type { Alternative, Classification, Classifier, Jurisdiction } from './types.js';
