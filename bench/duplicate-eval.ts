// Evaluates the duplicate scorer on the labelled reports of data/duplicates/reports.jsonl: every pair of reports
// of one incident is a duplicate, every other pair within the time window is not. Shared by the bench and the
// quality test.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { duplicateModel } from '../src/app/duplicate-candidates.js';
import { DEFAULT_DUPLICATE_SETTINGS, type DuplicateSettings, prepare, scorePair } from '../src/app/duplicates.js';
import { dataPath } from '../src/classifier/runtime/paths.js';

const reportSchema = z.object({
  id: z.string(),
  incident: z.string(),
  channel: z.string(),
  day: z.number(),
  hour: z.number(),
  text: z.string().min(1),
  street: z.string(),
  problem: z.string(),
  agency: z.string().nullable(),
  lat: z.number().optional(),
  lon: z.number().optional(),
});
export type LabelledReport = z.infer<typeof reportSchema>;

/** Loads the labelled reports. */
export function loadReports(path = dataPath('duplicates', 'reports.jsonl')): LabelledReport[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const r = reportSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`${path}:${i + 1}: ${r.error.message}`);
      return r.data;
    });
}

/** Kinds of pairs, so a report can say where the scorer errs. */
export type PairKind = 'duplicate' | 'same_street_other_problem' | 'same_problem_other_place' | 'unrelated';

/** One scored pair. */
export interface ScoredPair {
  a: string;
  b: string;
  kind: PairKind;
  duplicate: boolean;
  score: number;
  reasons: string[];
}

const BASE = Date.UTC(2026, 9, 1);
const dateOf = (r: LabelledReport) => new Date(BASE + r.day * 86_400_000 + r.hour * 3_600_000);

function kindOf(a: LabelledReport, b: LabelledReport): PairKind {
  if (a.incident === b.incident) return 'duplicate';
  if (a.street === b.street) return 'same_street_other_problem';
  if (a.problem === b.problem) return 'same_problem_other_place';
  return 'unrelated';
}

/** Scores every pair within the time window (pairs outside it are never candidates, like in the product). */
export function scoreAllPairs(reports: LabelledReport[], settings = DEFAULT_DUPLICATE_SETTINGS): ScoredPair[] {
  const model = duplicateModel();
  const prepared = reports.map((r) =>
    prepare(
      { text: r.text, latitude: r.lat, longitude: r.lon, createdAt: dateOf(r), agency: r.agency },
      model.config,
      model.idf,
    ),
  );
  const pairs: ScoredPair[] = [];
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      const [a, b] = [reports[i] as LabelledReport, reports[j] as LabelledReport];
      const kind = kindOf(a, b);
      const inWindow = Math.abs(a.day - b.day) <= settings.windowDays;
      // Outside the window the product never compares them: scored 0, still counted (a missed duplicate there
      // is a real miss).
      const s = inWindow
        ? scorePair(prepared[i] as never, prepared[j] as never, settings)
        : { score: 0, reasons: ['di luar jendela waktu'] };
      pairs.push({ a: a.id, b: b.id, kind, duplicate: kind === 'duplicate', ...s });
    }
  }
  return pairs;
}

/** Precision, recall and F1 at a threshold. */
export function metricsAt(pairs: ScoredPair[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const predicted = p.score >= threshold;
    if (predicted && p.duplicate) tp++;
    else if (predicted) fp++;
    else if (p.duplicate) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, tp, fp, fn, precision, recall, f1 };
}

/** The settings used unless a caller passes others. */
export const SETTINGS: DuplicateSettings = DEFAULT_DUPLICATE_SETTINGS;
