// The server must never load training or evaluation code: everything reachable from the classifier's public
// runtime surface (src/classifier/index.ts), and every static import elsewhere in src/, stays out of
// src/classifier/training and src/classifier/evaluation. Only the CLI's train/eval/calibrate commands load
// those folders, with a dynamic import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const OFF_LIMITS = [join(SRC, 'classifier', 'training'), join(SRC, 'classifier', 'evaluation')];
// Static imports and re-exports only: `await import(...)` is how the CLI loads training on demand.
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms;

function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(STATIC_IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')));
}

function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !file.startsWith(SRC)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const offLimits = (file: string) => OFF_LIMITS.some((dir) => file.startsWith(dir));

describe('classifier layout', () => {
  it('loads no training or evaluation module from the public runtime surface', () => {
    const files = reachable(join(SRC, 'classifier', 'index.ts'));
    expect(files.size).toBeGreaterThan(10);
    expect([...files].filter(offLimits).map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('has no static import of training or evaluation code anywhere else in src/', () => {
    const importers = sourceFiles(SRC)
      .filter((file) => !offLimits(file))
      .filter((file) => staticImports(file).some(offLimits))
      .map((file) => relative(ROOT, file));
    expect(importers).toEqual([]);
  });

  it('keeps the runtime folder free of the scripts and benchmarks', () => {
    const runtime = sourceFiles(join(SRC, 'classifier', 'runtime'));
    for (const file of runtime) {
      const outside = staticImports(file).filter((target) => !target.startsWith(SRC));
      expect(outside, relative(ROOT, file)).toEqual([]);
    }
  });
});
