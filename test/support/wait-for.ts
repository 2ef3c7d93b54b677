export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/** Polls until the condition holds; fails naming what it waited for once the time is up. Never a fixed sleep. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, intervalMs = 20 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() >= deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await pause(intervalMs);
  }
}

/** Retries an assertion until it passes or the time is up: for effects written in the background. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await pause(intervalMs);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
