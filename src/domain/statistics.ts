// The one percentile the product and its benchmarks use: nearest rank (the smallest value with at least p% of
// the values at or below it), so a reported p90 is always a value that was actually seen.

/** Nearest-rank percentile (0 < p <= 100) of numbers sorted ascending; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}
