import { Logger } from '@nestjs/common';

/**
 * The worker loop the sequencer, the webhook dispatcher and the key-grant consumer share: `pass` runs when woken (a
 * signal of this instance, a poll for other instances' work, a call), one pass at a time; a wake during a pass runs
 * one more pass after it. A failed pass is logged and left to the next poll. `signal` aborts on stop.
 */
export class BackgroundDrain {
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly failure: string,
    private readonly pollIntervalMs: number,
    private readonly pass: () => Promise<void>,
  ) {}

  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Polls, wakes on `subscribe`'s signal, and runs a first pass. */
  start(subscribe: (wake: () => void) => () => void): void {
    this.unsubscribe = subscribe(() => void this.wake());
    this.timer = setInterval(() => void this.wake(), this.pollIntervalMs);
    this.timer.unref();
    void this.wake();
  }

  /** Ends polling and waking; resolves once the pass under way has ended. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a pass now, or one more after the pass under way; resolves when done. */
  wake(): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (error) {
        this.logger.warn({ err: error }, this.failure);
        return;
      }
    } while (this.again && !this.signal.aborted);
  }
}
