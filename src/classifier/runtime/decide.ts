/** The decisions after the model: legal overrides, emergency evidence, the chatter verdict and the guard. */
import { catalogueEntry } from '../../domain/catalogue.js';
import type { CompiledModel } from './model-format.js';
import { findEmergencyKeyword, findOverride } from './rules.js';

/** Thresholds of the decisions after the model. */
export interface DecisionSettings {
  /** Confidence below which an agency suggestion goes to review. */
  threshold: number;
  /** P(BUKAN_ADUAN) at or above which a message is judged not a complaint without review. */
  chatterThreshold: number;
  /** Fewer known content words than this sends an agency suggestion to review, whatever the confidence. */
  minContentWords: number;
}

/** What the model saw, as input to the decisions. */
export interface ModelView {
  probs: Float64Array;
  modelTop: number;
  /** Normalised tokens joined by spaces (landmarks already replaced, so rules see only the subject). */
  normalized: string;
  /** Number of features the model knows (0: nothing recognised). */
  recognised: number;
  /** Number of known content words (not markers, placeholders, stems or concepts). */
  contentWords: number;
}

/** The outcome of the decisions. */
export interface Decision {
  agency: string;
  confidence: number;
  needsReview: boolean;
  reasons: string[];
  /** Labels whose probability the confidence absorbed (a rule's family); excluded from alternatives. */
  absorbed: readonly string[];
}

/** Reason texts (Indonesian: officers read them). */
export const REASONS = {
  unrecognised: 'tidak ada kata yang dikenali',
  fewWords: 'terlalu sedikit kata yang dikenali untuk diteruskan otomatis',
  emergencyWithoutEvidence: 'perlu diperiksa: tidak ada tanda darurat akut (kebakaran, kecelakaan, pingsan, kejahatan)',
  alwaysReview: 'perlu diperiksa: perangkat daerah lain',
  chatterUnsure: 'perlu diperiksa: mungkin bukan aduan',
} as const;

/** The decision as it is being built by the steps below. */
interface Draft {
  agency: string;
  confidence: number;
  /** A step already decided that a human must look. */
  review: boolean;
  reasons: string[];
  absorbed: readonly string[];
}

type Prob = (label: string) => number;

/** Nothing the model knows (emoji, another language, numbers): not a complaint, but a human looks. */
function whenUnrecognised(model: CompiledModel, view: ModelView, draft: Draft, prob: Prob): void {
  if (view.recognised > 0) return;
  const notComplaint = model.serialized.rules.emergency.blockedLabel;
  if (model.labelIndex.has(notComplaint)) {
    draft.agency = notComplaint;
    draft.confidence = Math.min(draft.confidence, prob(notComplaint));
  }
  draft.review = true;
  draft.reasons.push(REASONS.unrecognised);
}

/** Where the law decides the owner (school level, national road), the rule's label wins. */
function applyOverride(model: CompiledModel, view: ModelView, draft: Draft, prob: Prob): void {
  const found = view.recognised > 0 ? findOverride(model.rules, view.normalized, draft.agency) : null;
  if (!found || !model.labelIndex.has(found.label)) return;
  draft.agency = found.label;
  // The model decided the topic (school / road); the law decides the owner, so the topic's whole
  // probability mass is the confidence of the rule's answer.
  draft.confidence = found.family.reduce((sum, label) => sum + prob(label), 0);
  draft.absorbed = found.family;
  draft.reasons.push(found.reason);
}

/** Emergencies need acute evidence (fire, accident, someone unconscious, a crime in progress). Returns it. */
function applyEmergency(model: CompiledModel, view: ModelView, draft: Draft, prob: Prob): string | null {
  const emergency = model.serialized.rules.emergency;
  const acute = model.labelIndex.has(emergency.label) ? findEmergencyKeyword(model.rules, view.normalized) : null;
  if (draft.agency === emergency.blockedLabel && model.labelIndex.has(emergency.label)) {
    const likely = view.recognised > 0 && prob(emergency.label) >= emergency.minProbability;
    if (acute || likely) {
      draft.agency = emergency.label;
      draft.confidence = prob(emergency.label);
      draft.review = true;
      draft.reasons.unshift(acute ? `${emergency.reason}; kata kunci: ${acute}` : emergency.reason);
    }
  } else if (draft.agency === emergency.label && !acute) {
    draft.review = true;
    draft.reasons.unshift(REASONS.emergencyWithoutEvidence);
  }
  return acute;
}

/** The review flag: thresholds, the always-reviewed catch-all and the content-word guard. */
function needsReview(
  model: CompiledModel,
  view: ModelView,
  draft: Draft,
  settings: DecisionSettings,
  acute: string | null,
): boolean {
  const emergency = model.serialized.rules.emergency;
  let review = draft.review;
  if (draft.agency === emergency.blockedLabel) {
    // The chatter verdict has its own, stricter threshold: dismissing a real complaint costs more.
    if (roundConfidence(draft.confidence) < settings.chatterThreshold) {
      review = true;
      if (!draft.review) draft.reasons.push(REASONS.chatterUnsure);
    }
    return review;
  }
  if (roundConfidence(draft.confidence) < settings.threshold) review = true;
  if (catalogueEntry(draft.agency).alwaysReview) {
    review = true;
    draft.reasons.unshift(REASONS.alwaysReview);
  }
  const acuteEmergency = draft.agency === emergency.label && acute;
  if (!acuteEmergency && view.recognised > 0 && view.contentWords < settings.minContentWords) {
    review = true;
    draft.reasons.push(REASONS.fewWords);
  }
  return review;
}

/** Applies overrides, the emergency rules, the chatter verdict and the content-word guard. */
export function decide(model: CompiledModel, view: ModelView, settings: DecisionSettings): Decision {
  const { probs } = view;
  const prob: Prob = (label) => probs[model.labelIndex.get(label) ?? -1] ?? 0;
  const draft: Draft = {
    agency: model.labels[view.modelTop] ?? '',
    confidence: probs[view.modelTop] ?? 0,
    review: false,
    reasons: [],
    absorbed: [],
  };
  whenUnrecognised(model, view, draft, prob);
  applyOverride(model, view, draft, prob);
  const acute = applyEmergency(model, view, draft, prob);
  const review = needsReview(model, view, draft, settings, acute);
  const { agency, confidence, reasons, absorbed } = draft;
  return { agency, confidence, needsReview: review, reasons, absorbed };
}

/** Confidence as reported (4 decimals), so callers can reproduce the review decision exactly. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * 10_000) / 10_000;
}
