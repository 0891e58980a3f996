export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles over a copy of the samples. */
export function summarize(samples: ArrayLike<number>): Summary {
  const a = Float64Array.from(samples).sort();
  const n = a.length;
  if (n === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const pick = (p: number): number =>
    a[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  let sum = 0;
  for (const v of a) sum += v;
  return { n, p50: pick(50), p95: pick(95), p99: pick(99), max: a[n - 1]!, mean: sum / n };
}
