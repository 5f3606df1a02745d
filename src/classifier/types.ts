import type { Jurisdiction } from '../domain/catalogue.js';

/** Who is responsible for a complaint (defined by the domain catalogue). */
export type { Jurisdiction };

/** One ranked alternative suggestion. */
export interface Alternative {
  agency: string;
  confidence: number;
}

/** The full output of `classify(text)`; stored as JSON on each complaint. */
export interface Classification {
  /** A label code: a city agency code (e.g. "DPUTR"), an outside authority code (e.g. "PLN"), "DARURAT" or "BUKAN_ADUAN". */
  agency: string;
  jurisdiction: Jurisdiction;
  /** Human-readable outside authority (e.g. "PLN (Perusahaan Listrik Negara)"); null for city agencies. */
  authority: string | null;
  /** Calibrated probability that `agency` is right, 0..1. */
  confidence: number;
  /** The next two labels by confidence. */
  alternatives: Alternative[];
  /** True when confidence is below the configured review threshold. */
  needsReview: boolean;
  /** The words (surface or stemmed tokens) and rules that drove the decision, most important first. */
  reasons: string[];
  /** Version of the model that produced this result. */
  modelVersion: string;
  /**
   * Calibrated probability that the message is a complaint at all (1 - P(BUKAN_ADUAN)); absent for models
   * trained before the chatter verdict. The verdict itself is `agency === 'BUKAN_ADUAN' && !needsReview`:
   * the classifier judged the message not a complaint with P(BUKAN_ADUAN) >= its chatter threshold.
   */
  complaintProbability?: number;
  /**
   * The writing style detected (plain, chat, letter, tweet, long), whose own temperature calibrated the
   * confidence; absent for models without per-style calibration.
   */
  style?: string;
}

/** The contract the rest of the product depends on. Pure, synchronous, never throws on any string. */
export interface Classifier {
  classify(text: string): Classification;
  readonly version: string;
}
