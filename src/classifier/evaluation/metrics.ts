/** Evaluation metrics: accuracy, macro-F1, per-label scores, confusions, review trade-off, reliability. */
import { evaluateThreshold } from '../training/calibration.js';

/** One prediction to score. */
export interface ScoredPrediction {
  label: string;
  predicted: string;
  confidence: number;
  /** The classifier's own review flag (guards included); when absent, review means confidence < threshold. */
  needsReview?: boolean;
}

/** Precision/recall/F1 of one label. */
export interface LabelScore {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** One row of a reliability table. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** All metrics the eval command prints. */
export interface EvaluationReport {
  count: number;
  accuracy: number;
  macroF1: number;
  perLabel: LabelScore[];
  confusions: { label: string; predicted: string; count: number }[];
  threshold: number;
  reviewRate: number;
  accuracyNotReviewed: number;
  reliability: ReliabilityBin[];
  /** Expected calibration error over the reliability bins. */
  ece: number;
  /** Review rate and accuracy of the rest at a range of thresholds, to choose one knowingly. */
  tradeoff: { threshold: number; reviewRate: number; accuracyNotReviewed: number }[];
}

const TRADEOFF_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98];

const safeDiv = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Per-label precision/recall/F1 over the union of true and predicted labels (sorted by label). */
export function perLabelScores(predictions: readonly ScoredPrediction[]): LabelScore[] {
  const labels = [...new Set(predictions.flatMap((p) => [p.label, p.predicted]))].sort();
  return labels.map((label) => {
    const tp = predictions.filter((p) => p.label === label && p.predicted === label).length;
    const support = predictions.filter((p) => p.label === label).length;
    const predicted = predictions.filter((p) => p.predicted === label).length;
    const precision = safeDiv(tp, predicted);
    const recall = safeDiv(tp, support);
    return { label, support, precision, recall, f1: safeDiv(2 * precision * recall, precision + recall) };
  });
}

/** Macro-F1 over labels that occur in the gold data (predicted-only labels count as false positives). */
export function macroF1(predictions: readonly ScoredPrediction[]): number {
  const scores = perLabelScores(predictions).filter((s) => s.support > 0);
  return safeDiv(
    scores.reduce((sum, s) => sum + s.f1, 0),
    scores.length,
  );
}

/** Reliability table over ten equal-width confidence bins. */
export function reliabilityTable(predictions: readonly ScoredPrediction[]): ReliabilityBin[] {
  return Array.from({ length: 10 }, (_, b) => {
    const from = b / 10;
    const to = (b + 1) / 10;
    const inBin = predictions.filter(
      (p) => p.confidence >= from && (p.confidence < to || (b === 9 && p.confidence <= 1)),
    );
    return {
      from,
      to,
      count: inBin.length,
      meanConfidence: safeDiv(
        inBin.reduce((sum, p) => sum + p.confidence, 0),
        inBin.length,
      ),
      accuracy: safeDiv(inBin.filter((p) => p.label === p.predicted).length, inBin.length),
    };
  });
}

/** Computes every metric of the evaluation report. */
export function evaluate(predictions: readonly ScoredPrediction[], threshold: number): EvaluationReport {
  const correct = predictions.map((p) => p.label === p.predicted);
  const pairs = new Map<string, number>();
  for (const p of predictions) {
    if (p.label !== p.predicted)
      pairs.set(`${p.label}\t${p.predicted}`, (pairs.get(`${p.label}\t${p.predicted}`) ?? 0) + 1);
  }
  const confusions = [...pairs.entries()]
    .map(([key, count]) => {
      const [label = '', predicted = ''] = key.split('\t');
      return { label, predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.predicted.localeCompare(b.predicted))
    .slice(0, 10);
  const flagged = predictions.every((p) => p.needsReview !== undefined);
  const review = flagged
    ? evaluateThreshold(
        predictions.map((p) => (p.needsReview ? 0 : 1)),
        correct,
        0.5,
      )
    : evaluateThreshold(
        predictions.map((p) => p.confidence),
        correct,
        threshold,
      );
  const reliability = reliabilityTable(predictions);
  const ece = safeDiv(
    reliability.reduce((sum, bin) => sum + bin.count * Math.abs(bin.accuracy - bin.meanConfidence), 0),
    predictions.length,
  );
  return {
    count: predictions.length,
    accuracy: safeDiv(correct.filter(Boolean).length, predictions.length),
    macroF1: macroF1(predictions),
    perLabel: perLabelScores(predictions),
    confusions,
    threshold,
    reviewRate: review.reviewRate,
    accuracyNotReviewed: review.accuracyNotReviewed,
    reliability,
    ece,
    tradeoff: TRADEOFF_THRESHOLDS.map((t) => {
      const r = evaluateThreshold(
        predictions.map((p) => p.confidence),
        correct,
        t,
      );
      return { threshold: t, reviewRate: r.reviewRate, accuracyNotReviewed: r.accuracyNotReviewed };
    }),
  };
}
