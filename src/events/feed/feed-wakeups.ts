import { BeforeApplicationShutdown, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DatabaseNotices } from '../../database/database-notices';
import { SEQUENCED_EVENTS_CHANNEL } from '../outbox/change-events.repository';
import { SequencedEventsSignal } from '../outbox/sequenced-events.signal';

/** Where notices cannot reach (the embedded database, a LISTEN connection down), waiting readers look this often. */
export const FEED_POLL_INTERVAL_MS = 1_000;

/**
 * Wakes long-polling feed readers when events were numbered: by this instance's sequencer (in process) and by any
 * instance's (a NOTIFY). Without notices it wakes them every FEED_POLL_INTERVAL_MS as well. At shutdown every reader
 * is let go at once, so that no request holds the server open.
 */
@Injectable()
export class FeedWakeups implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly sleepers = new Set<() => void>();
  private readonly unsubscribes: (() => void)[] = [];
  private clock: NodeJS.Timeout | null = null;
  private stopped = false;
  private asleep = 0;

  constructor(
    private readonly sequenced: SequencedEventsSignal,
    private readonly notices: DatabaseNotices,
  ) {}

  onModuleInit(): void {
    this.pollByClock(true);
    this.unsubscribes.push(
      this.sequenced.onSequenced(() => this.wakeAll()),
      this.notices.subscribe(SEQUENCED_EVENTS_CHANNEL, {
        notice: () => this.wakeAll(),
        listening: (listening) => {
          this.pollByClock(!listening);
          // Whatever was numbered while nobody listened.
          if (listening) this.wakeAll();
        },
      }),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribes.forEach((unsubscribe) => unsubscribe());
    this.pollByClock(false);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    this.wakeAll();
  }

  /** Readers waiting for a wake now. */
  get waiting(): number {
    return this.asleep;
  }

  /** Whether waiting readers are also woken by the clock, notices being out of reach. */
  get polling(): boolean {
    return this.clock !== null;
  }

  /**
   * Calls `read` until it finds something, `waitMs` have passed, `gone` aborts (the client left) or the service stops.
   * A wake that comes while `read` runs is kept, so an event numbered just after an empty read is not waited past.
   */
  async readWhenAny<T>(read: () => Promise<T[]>, waitMs: number, gone: AbortSignal): Promise<T[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const woken = this.nextWake();
      try {
        const found = await read();
        if (found.length > 0 || this.stopped || gone.aborted || Date.now() >= deadline) return found;
        this.asleep++;
        const wake = await woken.until(deadline - Date.now(), gone).finally(() => this.asleep--);
        if (!wake || this.stopped) return [];
      } finally {
        woken.cancel();
      }
    }
  }

  /** The next wake, counted from now: `until` resolves true when it came, false when the time ran out or `gone` aborted. */
  private nextWake(): { until(ms: number, gone: AbortSignal): Promise<boolean>; cancel(): void } {
    let woken = false;
    let settle: ((woken: boolean) => void) | null = null;
    const sleeper = () => {
      woken = true;
      settle?.(true);
    };
    this.sleepers.add(sleeper);
    let timer: NodeJS.Timeout | undefined;
    let release = () => {};
    return {
      until: (ms, gone) =>
        woken
          ? Promise.resolve(true)
          : new Promise<boolean>((resolve) => {
              settle = resolve;
              timer = setTimeout(() => resolve(false), ms);
              const onGone = () => resolve(false);
              gone.addEventListener('abort', onGone, { once: true });
              release = () => gone.removeEventListener('abort', onGone);
            }),
      cancel: () => {
        this.sleepers.delete(sleeper);
        clearTimeout(timer);
        release();
      },
    };
  }

  private wakeAll(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  private pollByClock(on: boolean): void {
    if (on && !this.clock) {
      this.clock = setInterval(() => this.wakeAll(), FEED_POLL_INTERVAL_MS);
      this.clock.unref();
    } else if (!on && this.clock) {
      clearInterval(this.clock);
      this.clock = null;
    }
  }
}
