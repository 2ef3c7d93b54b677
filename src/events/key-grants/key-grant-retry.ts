/** First retry of a retryable failure after this many seconds, doubling with each attempt up to the cap. */
const FIRST_RETRY_SECONDS = 10;
const MAX_RETRY_SECONDS = 3600;

/** How long a task that failed on its `attempt`-th lease waits before it may be leased again: 10 s, 20 s, 40 s… 1 h. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(attempt - 1, 0), MAX_RETRY_SECONDS);
}
