/** Latency figures as people quote them: median and 99th percentile, in milliseconds. */
export function summarise(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { n: s.length, medianMs: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(s.at(-1) ?? NaN) };
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Peak resident memory of this process so far, in MB (Linux reports VmHWM). */
export async function peakRssMb(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? round(Number(m[1]) / 1024, 0) : round(process.memoryUsage().rss / 1048576, 0);
}
