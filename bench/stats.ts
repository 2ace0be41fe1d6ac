/** Nearest-rank percentile (p in 0–100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Rounded for the report: 3 significant digits are more than the noise allows. */
export const round = (value: number) => Number(value.toPrecision(3));

/** How a figure grows with size: the exponent k of time ∝ size^k between two sizes. */
export const growth = (t1: number, t2: number, n1: number, n2: number) =>
  round(Math.log(t2 / t1) / Math.log(n2 / n1));
