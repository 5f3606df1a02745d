/** Plain-text rendering of an evaluation report (for the eval command and the docs). */
import type { EvaluationReport } from './metrics.js';

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const num = (value: number): string => value.toFixed(3);

/** Renders every metric of `report` as an aligned text block. */
export function formatReport(title: string, report: EvaluationReport): string {
  const lines: string[] = [];
  lines.push(`== ${title} ==`);
  lines.push(`examples: ${report.count}`);
  lines.push(`accuracy: ${num(report.accuracy)}`);
  lines.push(`macro-F1: ${num(report.macroF1)}`);
  lines.push(
    `review threshold ${report.threshold}: review rate ${pct(report.reviewRate)}, ` +
      `accuracy of suggestions not sent to review ${num(report.accuracyNotReviewed)}`,
  );
  lines.push(`expected calibration error: ${num(report.ece)}`);
  lines.push('');
  lines.push('label            support  precision  recall     F1');
  for (const s of report.perLabel) {
    lines.push(
      `${s.label.padEnd(16)} ${String(s.support).padStart(7)}  ${num(s.precision).padStart(9)}  ${num(s.recall).padStart(6)}  ${num(s.f1).padStart(5)}`,
    );
  }
  lines.push('');
  lines.push('top confusions (true -> predicted: count)');
  if (report.confusions.length === 0) lines.push('  none');
  for (const c of report.confusions) lines.push(`  ${c.label} -> ${c.predicted}: ${c.count}`);
  lines.push('');
  lines.push('reliability (confidence bin: count, mean confidence, accuracy)');
  for (const bin of report.reliability) {
    const range = `${bin.from.toFixed(1)}-${bin.to.toFixed(1)}`;
    lines.push(`  ${range}: ${String(bin.count).padStart(5)}  ${num(bin.meanConfidence)}  ${num(bin.accuracy)}`);
  }
  lines.push('');
  lines.push('review trade-off (threshold: review rate, accuracy not reviewed)');
  for (const row of report.tradeoff) {
    lines.push(`  ${row.threshold.toFixed(2)}: ${pct(row.reviewRate).padStart(6)}  ${num(row.accuracyNotReviewed)}`);
  }
  return `${lines.join('\n')}\n`;
}
