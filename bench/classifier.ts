/**
 * Classifier benchmark: load time, single-text latency (held-out split and a synthetic 15,000-text batch),
 * throughput, training time and memory. Run: npm run bench:classifier [-- --skip-train]
 */
import { percentile as nearestRank } from '../src/domain/statistics.js';

const importStarted = performance.now();
const { loadHeldout, loadRules, loadSlang, loadTrainingCorpus } = await import('../src/classifier/runtime/corpus.js');
const { DEFAULT_PATHS } = await import('../src/classifier/runtime/paths.js');
const { loadClassifier } = await import('../src/classifier/runtime/store.js');
const { trainModel } = await import('../src/classifier/training/train.js');
const { createRng } = await import('../src/classifier/training/rng.js');
const importMs = performance.now() - importStarted;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memory = (): string => {
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)}, heap used ${mb(m.heapUsed)}`;
};

const percentile = (sorted: readonly number[], p: number) => nearestRank(sorted, p) ?? 0;

/**
 * Wall-clock latency per call, plus the process CPU time per call: on a shared, overloaded machine the
 * wall clock includes time the process was descheduled, the CPU time does not.
 */
function timeEach(classify: (text: string) => unknown, texts: readonly string[]): string {
  const times: number[] = [];
  const cpu: number[] = [];
  const started = performance.now();
  for (const text of texts) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    classify(text);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const total = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return (
    `${texts.length} texts: ${(texts.length / total).toFixed(0)} texts/s, ` +
    `wall p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, ` +
    `max ${(times.at(-1) ?? 0).toFixed(1)} ms; CPU p50 ${percentile(cpu, 50).toFixed(3)} ms, p99 ${percentile(cpu, 99).toFixed(3)} ms`
  );
}

/** Synthetic messages: clauses of random corpus texts recombined with a seeded RNG (labels not needed). */
function syntheticBatch(texts: readonly string[], count: number, seed: number): string[] {
  const rng = createRng(seed);
  const fragments = texts.flatMap((t) => t.split(/(?<=[,.!?;])\s+/).filter((f) => f.trim().length > 0));
  const pick = (): string => fragments[Math.floor(rng() * fragments.length)] ?? '';
  return Array.from({ length: count }, () => {
    const parts = 1 + Math.floor(rng() * 3);
    return Array.from({ length: parts }, pick).join(' ');
  });
}

const { loadavg, cpus } = await import('node:os');
console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`module import (natural stemmer, dictionary, zod): ${importMs.toFixed(0)} ms`);
const loadStarted = performance.now();
const classifier = loadClassifier({ dir: DEFAULT_PATHS.models() });
console.log(`model load (${classifier.version}): ${(performance.now() - loadStarted).toFixed(0)} ms; ${memory()}`);

const heldout = loadHeldout().map((e) => e.text);
console.log(`held-out, first pass (cold stem cache): ${timeEach((t) => classifier.classify(t), heldout)}`);
console.log(`held-out, second pass (warm): ${timeEach((t) => classifier.classify(t), heldout)}`);
const corpus = loadTrainingCorpus();
const batch = syntheticBatch(
  corpus.map((e) => e.text),
  15_000,
  2026,
);
console.log(`synthetic batch: ${timeEach((t) => classifier.classify(t), batch)}`);
console.log(
  `long text (20,000 chars): ${timeEach((t) => classifier.classify(t), ['jalan rusak parah '.repeat(1200)])}`,
);
console.log(`after batch: ${memory()}`);

if (!process.argv.includes('--skip-train')) {
  const slang = loadSlang();
  const started = performance.now();
  const model = trainModel(corpus, { slang: slang.entries, concepts: slang.concepts, rules: loadRules().config });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `training on ${corpus.length} examples (5-fold calibration + final fit): ${seconds.toFixed(1)} s, ` +
      `${model.vocabulary.length} features; ${memory()}`,
  );
}
