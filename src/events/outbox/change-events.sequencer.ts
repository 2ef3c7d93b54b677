import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { AppendedEventsSignal } from './appended-events.signal';
import { ChangeEventsRepository } from './change-events.repository';
import { SequencedEventsSignal } from './sequenced-events.signal';

/** Events numbered per transaction of the sequencer. */
const BATCH_SIZE = 1000;
/** Another instance's commits reach this one's sequencer by polling (or that instance sequences them itself). */
const POLL_INTERVAL_MS = 200;

/**
 * Numbers committed events (position and per-company sequence) as soon as this instance commits some, and every
 * POLL_INTERVAL_MS for the others' commits and for whatever a crash left unnumbered. One pass at a time here, one
 * sequencer at a time across instances (an advisory lock).
 */
@Injectable()
export class ChangeEventsSequencer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeEventsSequencer.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: ChangeEventsRepository,
    private readonly appended: AppendedEventsSignal,
    private readonly sequenced: SequencedEventsSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.appended.onAppended(() => void this.wake());
    this.timer = setInterval(() => void this.wake(), POLL_INTERVAL_MS);
    this.timer.unref();
    void this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sequences everything pending now; resolves when done (tests and shutdown wait on it). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
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
        let last: string | null;
        do {
          last = await CompanyScopes.runAsSystem(() => this.events.sequencePending(BATCH_SIZE));
          if (last !== null) this.sequenced.sequenced(last);
        } while (last !== null && !this.stopped);
      } catch (error) {
        this.logger.warn({ err: error }, 'Sequencing change events failed; the next poll retries');
        return;
      }
    } while (this.again && !this.stopped);
  }
}
