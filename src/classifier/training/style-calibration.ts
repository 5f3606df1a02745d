/**
 * Calibration that survives a change of writing style: the temperature and the thresholds are fitted on
 * out-of-fold predictions of the lines written in citizens' styles (letters, chats, tweets, regional
 * language), not on the corpus style the model was mostly trained on, and quality is reported per style.
 */

import { reliabilityTable } from '../evaluation/metrics.js';
import { rankLabels, softmax } from '../runtime/linear.js';
import type { StyleReportRow } from '../runtime/model-format.js';
import { evaluateThreshold, fitTemperature } from './calibration.js';

/** Targets the thresholds are chosen for. */
export interface StyleTargets {
  /** Accuracy of agency suggestions that skip review. */
  minAccuracy: number;
  /** Largest share of complaints that may be dismissed as chatter. */
  maxComplaintsDismissed: number;
}

/** Product defaults: 92% right when not reviewed (the target), at most 3% of complaints dismissed. */
export const DEFAULT_STYLE_TARGETS: StyleTargets = { minAccuracy: 0.92, maxComplaintsDismissed: 0.03 };

/** Result of the style calibration. */
export interface StyleCalibration {
  temperature: number;
  threshold: number;
  chatterThreshold: number;
  /** Styles whose lines the fit used. */
  fittedOn: string[];
  report: StyleReportRow[];
  /** Citizen-style lines: share reviewed and accuracy of the rest at a range of thresholds. */
  tradeoff: { threshold: number; reviewRate: number; accuracyNotReviewed: number }[];
}

/** Styles that are citizens' writing rather than the training corpus or its augmented copies. */
export function isCitizenStyle(style: string): boolean {
  return style !== 'corpus' && !style.startsWith('aug-');
}

const grid = Array.from({ length: 95 }, (_, i) => (i + 5) / 100);
const round = (value: number): number => Math.round(value * 10_000) / 10_000;

interface Scored {
  top: number;
  confidence: number;
  chatterProbability: number;
  y: number;
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

function reportRow(style: string, rows: readonly Scored[], threshold: number): StyleReportRow {
  const correct = rows.map((s) => s.top === s.y);
  const choice = evaluateThreshold(
    rows.map((s) => s.confidence),
    correct,
    threshold,
  );
  const bins = reliabilityTable(
    rows.map((s) => ({ label: String(s.y), predicted: String(s.top), confidence: s.confidence })),
  );
  const ece = bins.reduce((sum, bin) => sum + bin.count * Math.abs(bin.accuracy - bin.meanConfidence), 0);
  return {
    style,
    count: rows.length,
    accuracy: round(correct.filter(Boolean).length / Math.max(1, rows.length)),
    reviewRate: round(choice.reviewRate),
    accuracyNotReviewed: round(choice.accuracyNotReviewed),
    ece: round(ece / Math.max(1, rows.length)),
  };
}

/**
 * Fits the temperature on the citizen-style lines' out-of-fold logits (all lines when there are fewer than
 * `minLines` of them), then picks the review and chatter thresholds on the same lines.
 */
export function calibrateOnStyles(
  logits: readonly Float64Array[],
  ys: readonly number[],
  styles: readonly string[],
  chatter: number,
  targets: StyleTargets = DEFAULT_STYLE_TARGETS,
  minLines = 40,
): StyleCalibration {
  const citizen = styles.flatMap((style, i) => (isCitizenStyle(style) ? [i] : []));
  const fitSet = citizen.length >= minLines ? citizen : styles.map((_, i) => i);
  const temperature = fitTemperature(
    fitSet.map((i) => logits[i] as Float64Array),
    fitSet.map((i) => ys[i] as number),
  );
  const scored: Scored[] = logits.map((l, i) => {
    const p = softmax(l, temperature);
    const top = rankLabels(p)[0] as number;
    const y = ys[i] as number;
    return { top, confidence: p[top] as number, chatterProbability: p[chatter] ?? 0, y, style: styles[i] as string };
  });
  const fitRows = fitSet.map((i) => scored[i] as Scored);
  const threshold = chooseThreshold(fitRows, chatter, targets.minAccuracy);
  const chatterThreshold = chooseChatterThreshold(fitRows, chatter, targets.maxComplaintsDismissed);
  const byStyle = new Map<string, Scored[]>();
  for (const s of scored) byStyle.set(s.style, [...(byStyle.get(s.style) ?? []), s]);
  const report = [...byStyle.keys()].sort().map((style) => reportRow(style, byStyle.get(style) ?? [], threshold));
  const tradeoff = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.94, 0.97].map((t) => {
    const r = evaluateThreshold(
      fitRows.map((s) => (s.top === chatter ? 1 : s.confidence)),
      fitRows.map((s) => s.top === s.y),
      t,
    );
    return { threshold: t, reviewRate: round(r.reviewRate), accuracyNotReviewed: round(r.accuracyNotReviewed) };
  });
  return {
    temperature,
    threshold,
    chatterThreshold,
    tradeoff,
    fittedOn: [...new Set(fitSet.map((i) => styles[i] as string))].sort(),
    report,
  };
}
