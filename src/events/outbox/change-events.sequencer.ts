import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { BackgroundDrain } from '../background-drain';
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
  private readonly drain = new BackgroundDrain(
    new Logger(ChangeEventsSequencer.name),
    'Sequencing change events failed; the next poll retries',
    POLL_INTERVAL_MS,
    async () => {
      let last: string | null;
      do {
        last = await CompanyScopes.runAsSystem(() => this.events.sequencePending(BATCH_SIZE));
        if (last !== null) this.sequenced.sequenced(last);
      } while (last !== null && !this.drain.signal.aborted);
    },
  );

  constructor(
    private readonly events: ChangeEventsRepository,
    private readonly appended: AppendedEventsSignal,
    private readonly sequenced: SequencedEventsSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.drain.start((wake) => this.appended.onAppended(wake));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain.stop();
  }

  /** Sequences everything pending now; resolves when done (tests and shutdown wait on it). */
  wake(): Promise<void> {
    return this.drain.wake();
  }
}
