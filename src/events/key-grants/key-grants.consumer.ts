import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { TransactionHost } from '../../database/transaction-host';
import { BackgroundDrain } from '../background-drain';
import { ChangeEventsRepository } from '../outbox/change-events.repository';
import { SequencedEventsSignal } from '../outbox/sequenced-events.signal';
import { KeyGrantCursorRepository } from './key-grant-cursor.repository';
import { KeyGrantPlanner } from './key-grant.planner';

/** Events read, and their tasks written, per transaction. */
const BATCH_SIZE = 1000;
/** Events sequenced by another instance reach this one by polling. */
const POLL_INTERVAL_MS = 1000;

/**
 * Derives key hand-off tasks from the sequenced change events of every company. Each batch reads after the durable
 * cursor, writes its tasks and advances the cursor in one transaction holding the cursor row's lock: every event is
 * planned exactly once, across crashes and instances. Woken when this instance sequences events, and by a poll.
 */
@Injectable()
export class KeyGrantsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly drain = new BackgroundDrain(
    new Logger(KeyGrantsConsumer.name),
    'Planning key-grant tasks failed; the next poll retries',
    POLL_INTERVAL_MS,
    async () => {
      while (!this.drain.signal.aborted && (await CompanyScopes.runAsSystem(() => this.planBatch())) === BATCH_SIZE);
    },
  );

  constructor(
    private readonly transactions: TransactionHost,
    private readonly cursor: KeyGrantCursorRepository,
    private readonly events: ChangeEventsRepository,
    private readonly planner: KeyGrantPlanner,
    private readonly sequenced: SequencedEventsSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.drain.start((wake) => this.sequenced.onSequenced(wake));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain.stop();
  }

  /** Plans every event sequenced so far; resolves when done. */
  wake(): Promise<void> {
    return this.drain.wake();
  }

  /** One batch; returns how many events it planned (0 also when another consumer holds the cursor). */
  private planBatch(): Promise<number> {
    return this.transactions.run(async () => {
      const position = await this.cursor.lock();
      if (position === null) return 0;
      const events = await this.events.readAfter(position, BATCH_SIZE);
      if (events.length === 0) return 0;
      await this.planner.applyAll(events);
      await this.cursor.advance(events[events.length - 1].position);
      return events.length;
    });
  }
}
