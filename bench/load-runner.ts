export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  /** Distinct error messages (first few) with how often each occurred. */
  errorSamples: { message: string; count: number }[];
  durationMs: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  /** True when the phase ran out of time before issuing every request. */
  timedOut: boolean;
  planned: number;
}

export interface LoadPlan {
  /** How many tasks to run; each task is one request. */
  total: number;
  concurrency: number;
  timeoutMs: number;
  task: (index: number) => Promise<void>;
}

const MAX_ERROR_SAMPLES = 5;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Runs `total` tasks with exactly `concurrency` in flight until done or out of time; times each task. */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const latencies = new Float64Array(plan.total);
  const errorCounts = new Map<string, number>();
  let errors = 0;
  let next = 0;
  let completed = 0;
  let timedOut = false;
  const started = performance.now();
  const deadline = started + plan.timeoutMs;

  const worker = async (): Promise<void> => {
    for (;;) {
      if (next >= plan.total) return;
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const index = next++;
      const begin = performance.now();
      try {
        await plan.task(index);
      } catch (error) {
        errors++;
        // Ids differ per request (correlation ids, user ids): group the messages without them.
        const message = (error instanceof Error ? error.message : String(error)).replace(UUID, '<uuid>');
        if (errorCounts.has(message) || errorCounts.size < MAX_ERROR_SAMPLES) {
          errorCounts.set(message, (errorCounts.get(message) ?? 0) + 1);
        }
      }
      latencies[completed++] = performance.now() - begin;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, plan.total)) }, worker));
  const durationMs = performance.now() - started;
  if (timedOut) {
    errors++;
    errorCounts.set(`phase stopped after ${Math.round(plan.timeoutMs / 1000)} s with ${plan.total - completed} requests not sent`, 1);
  }
  return {
    requests: completed,
    planned: plan.total,
    errors,
    errorSamples: [...errorCounts].map(([message, count]) => ({ message, count })),
    durationMs,
    requestsPerSecond: durationMs > 0 ? (completed * 1000) / durationMs : 0,
    latencyMs: summarize(latencies.subarray(0, completed)),
    timedOut,
  };
}

export function summarize(samples: Float64Array): LatencySummary {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
  };
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}
