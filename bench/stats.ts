/** Median and 99th percentile of a sample, in milliseconds. */
export function percentiles(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { median: at(0.5), p99: at(0.99) };
}

export function timeEach<T>(inputs: T[], run: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const start = performance.now();
    run(input);
    return performance.now() - start;
  });
}

export function heapUsedMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
