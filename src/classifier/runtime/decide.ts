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

/** Applies overrides, the emergency rules, the chatter verdict and the content-word guard. */
export function decide(model: CompiledModel, view: ModelView, settings: DecisionSettings): Decision {
  const { probs, normalized } = view;
  const prob = (label: string): number => probs[model.labelIndex.get(label) ?? -1] ?? 0;
  const emergency = model.serialized.rules.emergency;
  const notComplaint = emergency.blockedLabel;
  const reasons: string[] = [];
  let agency = model.labels[view.modelTop] ?? '';
  let confidence = probs[view.modelTop] ?? 0;
  let review = false;
  let absorbed: readonly string[] = [];

  if (view.recognised === 0) {
    // Nothing the model knows (emoji, another language, numbers): not a complaint, but a human looks.
    if (model.labelIndex.has(notComplaint)) {
      agency = notComplaint;
      confidence = Math.min(confidence, prob(notComplaint));
    }
    review = true;
    reasons.push(REASONS.unrecognised);
  }

  const found = view.recognised > 0 ? findOverride(model.rules, normalized, agency) : null;
  if (found && model.labelIndex.has(found.label)) {
    agency = found.label;
    // The model decided the topic (school / road); the law decides the owner, so the topic's whole
    // probability mass is the confidence of the rule's answer.
    confidence = found.family.reduce((sum, label) => sum + prob(label), 0);
    absorbed = found.family;
    reasons.push(found.reason);
  }

  // Emergencies need acute evidence (fire, accident, someone unconscious, a crime in progress).
  const acute = model.labelIndex.has(emergency.label) ? findEmergencyKeyword(model.rules, normalized) : null;
  if (agency === notComplaint && model.labelIndex.has(emergency.label)) {
    const likely = view.recognised > 0 && prob(emergency.label) >= emergency.minProbability;
    if (acute || likely) {
      agency = emergency.label;
      confidence = prob(emergency.label);
      review = true;
      reasons.unshift(acute ? `${emergency.reason}; kata kunci: ${acute}` : emergency.reason);
    }
  } else if (agency === emergency.label && !acute) {
    review = true;
    reasons.unshift(REASONS.emergencyWithoutEvidence);
  }

  let needsReview = review;
  if (agency === notComplaint) {
    // The chatter verdict has its own, stricter threshold: dismissing a real complaint costs more.
    if (roundConfidence(confidence) < settings.chatterThreshold) {
      needsReview = true;
      if (!review) reasons.push(REASONS.chatterUnsure);
    }
  } else {
    if (roundConfidence(confidence) < settings.threshold) needsReview = true;
    if (catalogueEntry(agency).alwaysReview) {
      needsReview = true;
      reasons.unshift(REASONS.alwaysReview);
    }
    const acuteEmergency = agency === emergency.label && acute;
    if (!acuteEmergency && view.recognised > 0 && view.contentWords < settings.minContentWords) {
      needsReview = true;
      reasons.push(REASONS.fewWords);
    }
  }
  return { agency, confidence, needsReview, reasons, absorbed };
}

/** Confidence as reported (4 decimals), so callers can reproduce the review decision exactly. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * 10_000) / 10_000;
}
