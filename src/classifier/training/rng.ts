/** Seeded randomness, so training, folds and benchmarks are reproducible. */

/** Mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Stratified k-fold assignment: returns the fold (0..k-1) of each example, balanced per label. */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  const rng = createRng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label) ?? [];
    list.push(i);
    byLabel.set(label, list);
  });
  const folds = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    // Rotating the starting fold per label keeps fold sizes even when label counts are not multiples of k.
    shuffled(byLabel.get(label) ?? [], rng).forEach((index, j) => {
      folds[index] = (j + offset) % k;
    });
    offset += byLabel.get(label)?.length ?? 0;
  }
  return folds;
}

/**
 * Stratified k-fold assignment by group: every example of a group (a text and its augmented variants) gets
 * the same fold, and groups are balanced per label (the label of the group's first example).
 */
export function groupedStratifiedFolds(
  labels: readonly string[],
  groups: readonly string[],
  k: number,
  seed: number,
): number[] {
  const firstOf = new Map<string, number>();
  groups.forEach((group, i) => {
    if (!firstOf.has(group)) firstOf.set(group, i);
  });
  const groupNames = [...firstOf.keys()];
  const groupFolds = stratifiedFolds(
    groupNames.map((group) => labels[firstOf.get(group) as number] as string),
    k,
    seed,
  );
  const foldOf = new Map(groupNames.map((group, i) => [group, groupFolds[i] as number]));
  return groups.map((group) => foldOf.get(group) as number);
}
