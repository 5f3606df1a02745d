/** Inference: text -> Classification, with legal overrides, the emergency guard and explanations. */
import { topWords } from './explain.js';
import { extractFeatures } from './features.js';
import { authorityOf, labelInfo } from './labels.js';
import { linearScores, rankLabels, softmax } from './linear.js';
import { type CompiledModel, compileModel, type SerializedModel } from './model-format.js';
import { preprocessDetailed } from './preprocess.js';
import { findEmergencyKeyword, findOverride } from './rules.js';
import type { Classification, Classifier } from './types.js';
import { vectorize } from './vectorizer.js';

/**
 * Default review threshold: the lowest confidence at which the full pipeline's 5-fold cross-validated
 * suggestions on the training corpus are >= 97% accurate (0.971 at 0.94; see docs/classifier.md).
 */
export const DEFAULT_REVIEW_THRESHOLD = 0.94;

/** Options of a classifier built from a model. */
export interface ClassifierOptions {
  /** Confidence below which `needsReview` is set (default DEFAULT_REVIEW_THRESHOLD). */
  threshold?: number;
}

/** A Classifier bound to one loaded model. */
export interface ModelClassifier extends Classifier {
  readonly model: CompiledModel;
  readonly threshold: number;
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

function result(model: CompiledModel, agency: string, confidence: number, threshold: number): Classification {
  // Review is decided on the reported (rounded) confidence so callers can reproduce it exactly.
  const reported = round4(Math.min(1, Math.max(0, Number.isFinite(confidence) ? confidence : 0)));
  return {
    agency,
    jurisdiction: labelInfo(agency).jurisdiction,
    authority: authorityOf(agency),
    confidence: reported,
    alternatives: [],
    needsReview: reported < threshold,
    reasons: [],
    modelVersion: model.version,
  };
}

function classifyUnsafe(model: CompiledModel, text: string, threshold: number): Classification {
  const serialized = model.serialized;
  const { tokens, origins } = preprocessDetailed(text, serialized.preprocess);
  const doc = extractFeatures(tokens, serialized.features, { origins, conceptIndex: model.conceptIndex });
  const x = vectorize(doc.counts, model.vocabulary, model.weighting);
  const probs = softmax(linearScores(model.linear, x), model.temperature);
  const ranking = rankLabels(probs);
  const modelTop = ranking[0] ?? 0;
  const prob = (label: string): number => probs[model.labelIndex.get(label) ?? -1] ?? 0;
  const normalized = tokens.join(' ');
  const reasons: string[] = [];
  const recognised = x.indices.length > 0;
  let agency = model.labels[modelTop] ?? '';
  let confidence = probs[modelTop] ?? 0;
  let forceReview = false;

  const notComplaint = serialized.rules.emergency.blockedLabel;
  if (!recognised) {
    // Nothing the model knows (emoji, another language, numbers): not a complaint, but a human looks.
    if (model.labelIndex.has(notComplaint)) {
      agency = notComplaint;
      confidence = Math.min(confidence, prob(notComplaint));
    }
    forceReview = true;
    reasons.push('tidak ada kata yang dikenali');
  }

  const found = recognised ? findOverride(model.rules, normalized, agency) : null;
  const override = found && model.labelIndex.has(found.label) ? found : null;
  if (override) {
    agency = override.label;
    // The model decided the topic (school / road); the law decides who owns it, so the topic's probability
    // mass is the confidence of the rule's answer.
    confidence = override.family.reduce((sum, label) => sum + prob(label), 0);
    reasons.push(override.reason);
  }

  const emergency = serialized.rules.emergency;
  if (agency === emergency.blockedLabel && model.labelIndex.has(emergency.label)) {
    const keyword = findEmergencyKeyword(model.rules, normalized);
    const likely = recognised && prob(emergency.label) >= emergency.minProbability;
    if (keyword || likely) {
      agency = emergency.label;
      confidence = prob(emergency.label);
      forceReview = true;
      reasons.unshift(keyword ? `${emergency.reason}; kata kunci: ${keyword}` : emergency.reason);
    }
  }

  const out = result(model, agency, confidence, threshold);
  out.needsReview = out.needsReview || forceReview;
  // After a rule, the family's probability is already part of the confidence: alternatives come from
  // outside the family so confidence + alternatives never exceed 1.
  const absorbed = new Set<string>(override ? override.family : []);
  out.alternatives = ranking
    .map((i) => model.labels[i] ?? '')
    .filter((label) => label !== agency && !absorbed.has(label))
    .slice(0, 2)
    .map((label) => ({ agency: label, confidence: round4(prob(label)) }));
  const explained = model.labelIndex.get(agency) ?? modelTop;
  out.reasons = [...reasons, ...topWords(model.linear, x, doc, model.vocabulary.names, explained)];
  return out;
}

/** Builds a classifier around a model. `classify` never throws: failures become a review-only result. */
export function createClassifier(
  model: SerializedModel | CompiledModel,
  options: ClassifierOptions = {},
): ModelClassifier {
  const compiled = 'serialized' in model ? model : compileModel(model);
  const threshold = options.threshold ?? DEFAULT_REVIEW_THRESHOLD;
  const fallbackLabel = compiled.labelIndex.has('BUKAN_ADUAN') ? 'BUKAN_ADUAN' : (compiled.labels[0] ?? 'BUKAN_ADUAN');
  return {
    model: compiled,
    threshold,
    version: compiled.version,
    classify(text: string): Classification {
      try {
        return classifyUnsafe(compiled, typeof text === 'string' ? text : String(text ?? ''), threshold);
      } catch (error) {
        const out = result(compiled, fallbackLabel, 0, threshold);
        out.needsReview = true;
        out.reasons = [`galat klasifikasi: ${error instanceof Error ? error.message : String(error)}`];
        return out;
      }
    },
  };
}
