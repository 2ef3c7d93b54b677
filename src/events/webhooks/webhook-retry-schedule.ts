/** The longest pause between two attempts. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * The pause before the next attempt after `failures` failed ones: the first delay, doubled per failure, capped at an
 * hour, each drawn anywhere between half and all of it (jitter), so endpoints that failed together retry apart.
 */
export function retryDelayMs(failures: number, firstDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, firstDelayMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
