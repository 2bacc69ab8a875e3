/** Small timing helpers: every figure a bench prints comes from here. */

export interface Stats {
  ops: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  meanMs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `fn(i)` for i in [0, n) one after another, timing each call. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<Stats> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    ops: n,
    opsPerSec: (n / total) * 1000,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    meanMs: total / n,
  };
}

export const fmt = (n: number, digits = 3) => n.toFixed(digits);

export function table(rows: Array<Record<string, string | number>>): void {
  console.table(rows);
}

/** The median of a non-empty list (the upper one of an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
