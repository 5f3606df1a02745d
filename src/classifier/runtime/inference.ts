/** Inference: text -> Classification, with legal overrides, the emergency rules and explanations. */
import { catalogueEntry, outsideAuthorityName } from '../../domain/catalogue.js';
import type { Classification, Classifier } from '../types.js';
import { type DecisionSettings, decide, roundConfidence } from './decide.js';
import { topWords } from './explain.js';
import { extractFeatures } from './features.js';
import { linearScores, rankLabels, softmax } from './linear.js';
import { type CompiledModel, compileModel, type SerializedModel } from './model-format.js';
import { PLACEHOLDERS, preprocessDetailed } from './preprocess.js';
import { detectStyle } from './style.js';
import { vectorize } from './vectorizer.js';

/**
 * Default review threshold for agency suggestions, chosen on out-of-fold predictions of text in citizens'
 * styles (letters, chats, tweets; see docs/classifier.md), not on the held-out split.
 */
export const DEFAULT_REVIEW_THRESHOLD = 0.94;

/** Default P(BUKAN_ADUAN) from which a message is dismissed as chatter without review (docs/classifier.md). */
export const DEFAULT_CHATTER_THRESHOLD = 0.8;

/** Default minimum of known content words before a suggestion may skip review. */
export const DEFAULT_MIN_CONTENT_WORDS = 2;

/** Options of a classifier built from a model. */
export interface ClassifierOptions {
  /** Confidence below which `needsReview` is set (default DEFAULT_REVIEW_THRESHOLD). */
  threshold?: number;
  /** P(BUKAN_ADUAN) needed to dismiss a message as chatter (default: the model's, else the constant). */
  chatterThreshold?: number;
  /** Known content words needed before auto-routing (default: the model's, else the constant). */
  minContentWords?: number;
}

/** A Classifier bound to one loaded model. */
export interface ModelClassifier extends Classifier {
  readonly model: CompiledModel;
  readonly threshold: number;
  readonly settings: DecisionSettings;
}

const PLACEHOLDER_FEATURES = new Set(Object.values(PLACEHOLDERS).map((word) => `w:${word}`));

function emptyResult(model: CompiledModel, agency: string, confidence: number): Classification {
  return {
    agency,
    jurisdiction: catalogueEntry(agency).jurisdiction,
    authority: outsideAuthorityName(agency),
    confidence: roundConfidence(confidence),
    alternatives: [],
    needsReview: true,
    reasons: [],
    modelVersion: model.version,
  };
}

function classifyUnsafe(model: CompiledModel, text: string, settings: DecisionSettings): Classification {
  const serialized = model.serialized;
  const { tokens, origins } = preprocessDetailed(text, serialized.preprocess);
  const doc = extractFeatures(tokens, serialized.features, { origins, conceptIndex: model.conceptIndex });
  const x = vectorize(doc.counts, model.vocabulary, model.weighting);
  // Confidence is calibrated per writing style: a tweet and a plain report are not equally reliable.
  const style = detectStyle(text, tokens, origins, serialized.preprocess.maxChars);
  const probs = softmax(linearScores(model.linear, x), model.styleTemperatures.get(style) ?? model.temperature);
  const ranking = rankLabels(probs);
  const modelTop = ranking[0] ?? 0;
  const names = model.vocabulary.names;
  const contentWords = x.indices.filter((i) => {
    const name = names[i] ?? '';
    return name.startsWith('w:') && !PLACEHOLDER_FEATURES.has(name);
  }).length;
  // Markers count as recognised: "Assalamualaikum" alone is a greeting, judged by the chatter verdict.
  const recognised = x.indices.length;
  const decision = decide(model, { probs, modelTop, normalized: tokens.join(' '), recognised, contentWords }, settings);
  const out = emptyResult(model, decision.agency, decision.confidence);
  out.needsReview = decision.needsReview;
  if (model.styleTemperatures.size > 0) out.style = style;
  const prob = (label: string): number => probs[model.labelIndex.get(label) ?? -1] ?? 0;
  const notComplaint = serialized.rules.emergency.blockedLabel;
  if (model.labelIndex.has(notComplaint)) out.complaintProbability = roundConfidence(1 - prob(notComplaint));
  // After a rule, the family's probability is already part of the confidence: alternatives come from
  // outside the family so confidence + alternatives never exceed 1.
  const absorbed = new Set<string>(decision.absorbed);
  out.alternatives = ranking
    .map((i) => model.labels[i] ?? '')
    .filter((label) => label !== decision.agency && !absorbed.has(label))
    .slice(0, 2)
    .map((label) => ({ agency: label, confidence: roundConfidence(prob(label)) }));
  const explained = model.labelIndex.get(decision.agency) ?? modelTop;
  out.reasons = [...decision.reasons, ...topWords(model.linear, x, doc, names, explained)];
  return out;
}

/** Builds a classifier around a model. `classify` never throws: failures become a review-only result. */
export function createClassifier(
  model: SerializedModel | CompiledModel,
  options: ClassifierOptions = {},
): ModelClassifier {
  const compiled = 'serialized' in model ? model : compileModel(model);
  const settings: DecisionSettings = {
    threshold: options.threshold ?? DEFAULT_REVIEW_THRESHOLD,
    chatterThreshold: options.chatterThreshold ?? compiled.serialized.chatterThreshold ?? DEFAULT_CHATTER_THRESHOLD,
    minContentWords: options.minContentWords ?? compiled.serialized.minContentWords ?? DEFAULT_MIN_CONTENT_WORDS,
  };
  const fallbackLabel = compiled.labelIndex.has('BUKAN_ADUAN') ? 'BUKAN_ADUAN' : (compiled.labels[0] ?? 'BUKAN_ADUAN');
  return {
    model: compiled,
    threshold: settings.threshold,
    settings,
    version: compiled.version,
    classify(text: string): Classification {
      try {
        return classifyUnsafe(compiled, typeof text === 'string' ? text : String(text ?? ''), settings);
      } catch (error) {
        const out = emptyResult(compiled, fallbackLabel, 0);
        out.reasons = [`galat klasifikasi: ${error instanceof Error ? error.message : String(error)}`];
        return out;
      }
    },
  };
}
