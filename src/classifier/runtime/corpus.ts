/** Reading labelled examples (JSON lines) and the slang/rules data files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PATHS } from './paths.js';
import { type CompiledRules, compileRules } from './rules.js';

/** One labelled message. */
export interface LabelledExample {
  text: string;
  label: string;
  /** Writing style ("corpus", "letter", "chat", "tweet", "regional", "photo", "admin", "aug-letter", ...). */
  style?: string;
  /** Examples sharing a group (a text and its augmented variants) always fall in the same fold. */
  group?: string;
}

/** Style of examples without one (the original training corpus). */
export const DEFAULT_STYLE = 'corpus';

const exampleSchema = z.object({ text: z.string(), label: z.string().min(1), style: z.string().min(1).optional() });
const slangSchema = z.object({
  description: z.string().optional(),
  entries: z.record(z.string(), z.string()),
  concepts: z.record(z.string(), z.array(z.string())).default({}),
});

/** The contents of slang.json. */
export interface SlangData {
  entries: Record<string, string>;
  concepts: Record<string, string[]>;
}

/** Parses JSON lines of `{text, label}`; blank lines are skipped, bad lines throw with file and line number. */
export function parseExamples(content: string, source: string): LabelledExample[] {
  const examples: LabelledExample[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON`);
    }
    const result = exampleSchema.safeParse(parsed);
    if (!result.success) throw new Error(`${source}:${i + 1}: expected {"text","label"}`);
    const example: LabelledExample = { text: result.data.text, label: result.data.label.trim() };
    if (result.data.style) example.style = result.data.style;
    examples.push(example);
  });
  return examples;
}

/** Reads every `<LABEL>.jsonl` file in `dir` (sorted by file name, so order is deterministic). */
function loadJsonlDir(dir: string): LabelledExample[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  return files.flatMap((name) => parseExamples(readFileSync(join(dir, name), 'utf8'), join(dir, name)));
}

/**
 * Loads the training corpus (data/classifier/corpus by default) plus, when present, the lines written in
 * citizens' styles (data/classifier/styles, each line with its "style").
 */
export function loadTrainingCorpus(
  dir: string = DEFAULT_PATHS.corpus(),
  stylesDir: string | null = DEFAULT_PATHS.styles(),
): LabelledExample[] {
  const styled = stylesDir && existsSync(stylesDir) ? loadJsonlDir(stylesDir) : [];
  return [...loadJsonlDir(dir), ...styled];
}

/** Loads the second evaluation set, written in citizens' styles (data/classifier/eval-styles). Never train on it. */
export function loadStyleEval(dir: string = DEFAULT_PATHS.styleEval()): LabelledExample[] {
  return loadJsonlDir(dir);
}

/** Loads the held-out evaluation split (data/classifier/heldout by default). Never train on it. */
export function loadHeldout(dir: string = DEFAULT_PATHS.heldout()): LabelledExample[] {
  return loadJsonlDir(dir);
}

/** Loads the slang dictionary and concept groups (data/classifier/slang.json by default); keys lower-cased. */
export function loadSlang(path: string = DEFAULT_PATHS.slang()): SlangData {
  const data = slangSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return {
    entries: Object.fromEntries(Object.entries(data.entries).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()])),
    concepts: data.concepts,
  };
}

/** Loads and compiles rules.json (data/classifier/rules.json by default). */
export function loadRules(path: string = DEFAULT_PATHS.rules()): CompiledRules {
  return compileRules(JSON.parse(readFileSync(path, 'utf8')));
}
