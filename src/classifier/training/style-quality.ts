/** Out-of-fold quality per source (corpus, letter, chat...) and per detected writing style, as stored in the model. */
import type { StyleCalibrationRow, StyleReportRow } from '../runtime/model-format.js';
import { evaluateThreshold } from './calibration.js';

/** The fields of a calibrated prediction the report needs. */
interface Row {
  top: number;
  confidence: number;
  y: number;
  source: string;
  style: string;
}

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Expected calibration error over 10 equal-width confidence bins. */
function expectedCalibrationError(rows: readonly Row[]): number {
  let total = 0;
  for (let b = 0; b < 10; b++) {
    const inBin = rows.filter((r) => Math.min(9, Math.floor(r.confidence * 10)) === b);
    if (inBin.length === 0) continue;
    const accuracy = inBin.filter((r) => r.top === r.y).length / inBin.length;
    const confidence = inBin.reduce((sum, r) => sum + r.confidence, 0) / inBin.length;
    total += inBin.length * Math.abs(accuracy - confidence);
  }
  return total / Math.max(1, rows.length);
}

function qualityRow(style: string, rows: readonly Row[], threshold: number): StyleReportRow {
  const correct = rows.map((r) => r.top === r.y);
  const choice = evaluateThreshold(
    rows.map((r) => r.confidence),
    correct,
    threshold,
  );
  return {
    style,
    count: rows.length,
    accuracy: round(correct.filter(Boolean).length / Math.max(1, rows.length)),
    reviewRate: round(choice.reviewRate),
    accuracyNotReviewed: round(choice.accuracyNotReviewed),
    ece: round(expectedCalibrationError(rows)),
  };
}

function groupBy(rows: readonly Row[], key: (row: Row) => string): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** Quality at `threshold` per source and per detected style (temperature and fit are added by the caller). */
export function styleQuality(
  rows: readonly Row[],
  threshold: number,
): { bySource: StyleReportRow[]; byStyle: Omit<StyleCalibrationRow, 'temperature' | 'fitted'>[] } {
  return {
    bySource: groupBy(rows, (r) => r.source).map(([source, group]) => qualityRow(source, group, threshold)),
    byStyle: groupBy(rows, (r) => r.style).map(([style, group]) => {
      const { count, ...quality } = qualityRow(style, group, threshold);
      return { ...quality, lines: count, citizenLines: group.filter((r) => r.source !== 'corpus').length };
    }),
  };
}
