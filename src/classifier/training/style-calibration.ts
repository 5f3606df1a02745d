/**
 * Calibration per writing style. Each out-of-fold prediction is sorted by the style detected in its text
 * (runtime/style.ts: plain, chat, letter, tweet, long), and each style gets the temperature that fits its own
 * out-of-fold predictions, so a tweet's confidence is not borrowed from plain reports, nor the other way
 * round. A style with too few lines falls back to the temperature fitted on the lines written in citizens'
 * styles: with little evidence, the cautious choice. Augmented copies are scored out of fold (they share their
 * source's fold) but do not count in the fits, which would otherwise see each text twice.
 */
import { DEFAULT_REVIEW_THRESHOLD } from '../runtime/inference.js';
import { rankLabels, softmax } from '../runtime/linear.js';
import type { SerializedModel, StyleCalibrationRow, StyleReportRow } from '../runtime/model-format.js';
import { evaluateThreshold, fitTemperature } from './calibration.js';
import { styleQuality } from './style-quality.js';

/** Targets the thresholds are chosen for. */
export interface StyleTargets {
  /** Accuracy of agency suggestions that skip review. */
  minAccuracy: number;
  /** Largest share of complaints that may be dismissed as chatter. */
  maxComplaintsDismissed: number;
}

/** Product defaults: 92% right when not reviewed (the target), at most 3% of complaints dismissed. */
export const DEFAULT_STYLE_TARGETS: StyleTargets = { minAccuracy: 0.92, maxComplaintsDismissed: 0.03 };

/** Fewest out-of-fold lines of a writing style for it to get its own temperature. */
export const MIN_STYLE_LINES = 60;

/** One out-of-fold prediction to calibrate on. */
export interface CalibrationLine {
  logits: Float64Array;
  y: number;
  /** Where the line came from: "corpus", a citizen style ("letter", "chat"...), "admin", or "aug-*". */
  source: string;
  /** The writing style detected in its text. */
  style: string;
}

/** Result of the style calibration. */
export interface StyleCalibration {
  /** Fallback temperature (citizen-style lines), used for styles without a fit of their own. */
  temperature: number;
  styleTemperatures: Record<string, number>;
  threshold: number;
  chatterThreshold: number;
  /** Sources whose lines the fallback temperature and the thresholds used. */
  fittedOn: string[];
  /** Quality per source (corpus, letter, chat...), with the per-style temperatures applied. */
  report: StyleReportRow[];
  /** Calibration and quality per detected writing style. */
  styles: StyleCalibrationRow[];
  /** Citizen-style lines: share reviewed and accuracy of the rest at a range of thresholds. */
  tradeoff: { threshold: number; reviewRate: number; accuracyNotReviewed: number }[];
}

/** Sources that are citizens' writing rather than the training corpus or its augmented copies. */
export function isCitizenStyle(source: string): boolean {
  return source !== 'corpus' && !source.startsWith('aug-');
}

const grid = Array.from({ length: 95 }, (_, i) => (i + 5) / 100);
const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** A calibrated prediction. */
export interface Scored {
  top: number;
  confidence: number;
  chatterProbability: number;
  y: number;
  source: string;
  style: string;
}

function chooseChatterThreshold(scored: readonly Scored[], chatter: number, maxDismissed: number): number {
  const complaints = scored.filter((s) => s.y !== chatter);
  for (const t of grid) {
    const dismissed = complaints.filter((s) => s.top === chatter && s.chatterProbability >= t).length;
    if (dismissed / Math.max(1, complaints.length) <= maxDismissed) return t;
  }
  return 0.99;
}

function chooseThreshold(scored: readonly Scored[], chatter: number, minAccuracy: number): number {
  const routed = scored.filter((s) => s.top !== chatter);
  for (const t of grid) {
    const kept = routed.filter((s) => s.confidence >= t);
    const right = kept.filter((s) => s.top === s.y).length;
    if (kept.length > 0 && right / kept.length >= minAccuracy) return t;
  }
  return 0.99;
}

const fitLines = (lines: readonly CalibrationLine[]): number =>
  fitTemperature(
    lines.map((l) => l.logits),
    lines.map((l) => l.y),
  );

/** Temperature of each detected style: its own fit with enough lines, else the fallback. */
function styleTemperatures(
  own: readonly CalibrationLine[],
  fallback: number,
  minStyleLines: number,
): Map<string, { temperature: number; fitted: boolean }> {
  const byStyle = new Map<string, CalibrationLine[]>();
  for (const line of own) byStyle.set(line.style, [...(byStyle.get(line.style) ?? []), line]);
  return new Map(
    [...byStyle].map(([style, lines]) => {
      const fitted = lines.length >= minStyleLines;
      return [style, { temperature: fitted ? fitLines(lines) : fallback, fitted }];
    }),
  );
}

/**
 * Fits the fallback temperature on the citizen-style lines (all lines when there are fewer than `minLines`
 * of them), a temperature per detected writing style with at least `minStyleLines` lines, then picks the
 * review and chatter thresholds on the citizen-style lines.
 */
export function calibrateOnStyles(
  lines: readonly CalibrationLine[],
  chatter: number,
  targets: StyleTargets = DEFAULT_STYLE_TARGETS,
  minLines = 40,
  minStyleLines = MIN_STYLE_LINES,
): StyleCalibration {
  const own = lines.filter((l) => !l.source.startsWith('aug-'));
  const citizen = own.filter((l) => isCitizenStyle(l.source));
  const fitSet = citizen.length >= minLines ? citizen : own;
  const fallback = fitLines(fitSet);
  const perStyle = styleTemperatures(own, fallback, minStyleLines);
  const scored: Scored[] = own.map((l) => {
    const p = softmax(l.logits, perStyle.get(l.style)?.temperature ?? fallback);
    const top = rankLabels(p)[0] as number;
    const chatterProbability = p[chatter] ?? 0;
    return { top, confidence: p[top] as number, chatterProbability, y: l.y, source: l.source, style: l.style };
  });
  const fitRows = scored.filter((s) => fitSet === own || isCitizenStyle(s.source));
  const quality = styleQuality(scored, DEFAULT_REVIEW_THRESHOLD);
  return {
    temperature: fallback,
    styleTemperatures: Object.fromEntries([...perStyle].map(([style, t]) => [style, round(t.temperature)])),
    threshold: chooseThreshold(fitRows, chatter, targets.minAccuracy),
    chatterThreshold: chooseChatterThreshold(fitRows, chatter, targets.maxComplaintsDismissed),
    fittedOn: [...new Set(fitRows.map((s) => s.source))].sort(),
    report: quality.bySource,
    styles: quality.byStyle.map((row) => ({
      ...row,
      temperature: round(perStyle.get(row.style)?.temperature ?? fallback),
      fitted: perStyle.get(row.style)?.fitted ?? false,
    })),
    tradeoff: [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.94, 0.97].map((t) => {
      const r = evaluateThreshold(
        fitRows.map((s) => (s.top === chatter ? 1 : s.confidence)),
        fitRows.map((s) => s.top === s.y),
        t,
      );
      return { threshold: t, reviewRate: round(r.reviewRate), accuracyNotReviewed: round(r.accuracyNotReviewed) };
    }),
  };
}

/** The model fields a style calibration sets (the same for training and for `kanal-aduan calibrate`). */
export type CalibrationFields = Pick<
  SerializedModel,
  | 'temperature'
  | 'styleTemperatures'
  | 'styleCalibration'
  | 'recommendedThreshold'
  | 'chatterThreshold'
  | 'styleReport'
  | 'styleTradeoff'
>;

/** The model fields of a style calibration. */
export function calibrationFields(fit: StyleCalibration): Required<CalibrationFields> {
  return {
    temperature: Math.round(fit.temperature * 100_000) / 100_000,
    styleTemperatures: fit.styleTemperatures,
    styleCalibration: fit.styles,
    recommendedThreshold: fit.threshold,
    chatterThreshold: fit.chatterThreshold,
    styleReport: fit.report,
    styleTradeoff: fit.tradeoff,
  };
}
