// Measures the duplicate suggestion on the labelled Cilegon reports (data/duplicates/reports.jsonl).
// Usage: npm run bench:duplicates [-- --errors] [-- --scale --complaints 100000 --only sqlite|postgresql]
// Prints precision, recall and F1 at the product's threshold, a threshold table, the pair kinds behind the
// errors, (with --errors) every wrong pair with its reasons, and (with --scale) the query's speed at 100,000
// complaints (bench/duplicates-scale.ts).
import { parseArgs } from 'node:util';
import { duplicateModel } from '../src/app/duplicate-candidates.js';
import { DEFAULT_DUPLICATE_SETTINGS } from '../src/app/duplicates.js';
import { loadReports, metricsAt, type PairKind, scoreAllPairs } from './duplicate-eval.js';

const { values } = parseArgs({
  options: {
    errors: { type: 'boolean', default: false },
    scale: { type: 'boolean', default: false },
    complaints: { type: 'string', default: '100000' },
    only: { type: 'string' },
    postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  },
});
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const reports = loadReports();
const loading = performance.now();
duplicateModel();
console.log(
  `loaded slang and IDF of the classifier corpus in ${(performance.now() - loading).toFixed(0)} ms (once per process)`,
);
const started = performance.now();
const pairs = scoreAllPairs(reports);
const ms = performance.now() - started;
const incidents = new Set(reports.map((r) => r.incident)).size;
const counts = new Map<PairKind, number>();
for (const p of pairs) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1);
console.log(`${reports.length} reports of ${incidents} incidents, ${pairs.length} labelled pairs:`);
for (const [kind, n] of counts) console.log(`  ${kind}: ${n}`);
console.log(`scored in ${ms.toFixed(0)} ms (${((ms * 1000) / pairs.length).toFixed(1)} µs per pair, incl. preparing)`);

const threshold = DEFAULT_DUPLICATE_SETTINGS.threshold;
const at = metricsAt(pairs, threshold);
console.log(
  `\nAt the product's threshold ${threshold}: precision ${pct(at.precision)}, recall ${pct(at.recall)}, F1 ${pct(at.f1)}`,
);
console.log(`  (true positives ${at.tp}, false positives ${at.fp}, missed ${at.fn})`);

console.log('\nthreshold  precision  recall  F1     suggested');
for (let t = 0.3; t <= 0.801; t += 0.05) {
  const m = metricsAt(pairs, t);
  const row = [t.toFixed(2).padEnd(10), pct(m.precision).padEnd(10), pct(m.recall).padEnd(7), pct(m.f1).padEnd(6)];
  console.log(`${row.join(' ')} ${m.tp + m.fp}`);
}

console.log('\nFalse positives by kind at the threshold:');
const wrong = pairs.filter((p) => p.score >= threshold !== p.duplicate);
for (const kind of ['same_street_other_problem', 'same_problem_other_place', 'unrelated'] as const) {
  const fp = wrong.filter((p) => p.kind === kind).length;
  const total = counts.get(kind) ?? 0;
  console.log(`  ${kind}: ${fp} of ${total}`);
}
if (values.errors) {
  const text = new Map(reports.map((r) => [r.id, r.text]));
  for (const p of wrong.sort((a, b) => b.score - a.score)) {
    console.log(`\n${p.duplicate ? 'MISSED' : 'WRONG'} ${p.score} ${p.kind} ${p.reasons.join(' | ')}`);
    console.log(`  ${p.a}: ${text.get(p.a)}\n  ${p.b}: ${text.get(p.b)}`);
  }
}

if (values.scale) {
  const { runScale } = await import('./duplicates-scale.js');
  for (const provider of ['sqlite', 'postgresql'] as const) {
    if (values.only && values.only !== provider) continue;
    await runScale(provider, Number(values.complaints), values.postgres);
  }
}
