import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { SyncLogRecord, SyncLogRepository } from './sync-log.repository';

/** How long an entry may wait in memory before it is written. */
export const SYNC_LOG_FLUSH_INTERVAL_MS = 200;
/** Rows per INSERT; a full batch is written without waiting for the interval. */
export const SYNC_LOG_MAX_BATCH = 200;
/** INSERTs running at once: the rest of the pool stays free for requests; meanwhile batches fill up. */
export const SYNC_LOG_MAX_IN_FLIGHT = 2;
/** Beyond this many waiting entries (the database is down or far behind), new ones are dropped and counted. */
export const SYNC_LOG_MAX_BUFFERED = 50_000;

/**
 * Buffers sync-log entries and writes them in multi-row INSERTs, off the response path of
 * the SCIM writes they describe. A failed batch is logged (with its size) and dropped:
 * retrying a batch that violates a constraint would block every later one.
 */
@Injectable()
export class SyncLogRecorder implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(SyncLogRecorder.name);
  private buffer: SyncLogRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  /** Entries still being completed, and those recorded after them: buffered in recording order once known. */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private dropped = 0;

  constructor(private readonly syncLog: SyncLogRepository) {}

  record(entry: SyncLogRecord): void {
    if (this.queued > 0) this.enqueue(Promise.resolve(entry));
    else this.add(entry);
  }

  /** An entry its writer is still completing: buffered once known, in recording order, and waited for by drain(). */
  recordWhenKnown(entry: Promise<SyncLogRecord>): void {
    this.enqueue(entry);
  }

  /** Entries waiting in memory to be written (a metrics gauge). */
  get bufferedEntries(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered, waiting for running batches; resolves once nothing is left. */
  async drain(): Promise<void> {
    await this.queue;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    for (;;) {
      this.writeBatches(true);
      if (this.inFlight.size === 0 && this.buffer.length === 0) return;
      await Promise.race(this.inFlight);
    }
  }

  /** The HTTP server still accepts requests here, so entries may follow: drained again below. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  /**
   * Runs after the HTTP server closed (in-flight requests have finished) and before the
   * TypeORM module destroys the DataSource: global modules such as the database's get their
   * shutdown hook last.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private add(entry: SyncLogRecord): void {
    if (this.buffer.length >= SYNC_LOG_MAX_BUFFERED) {
      this.dropped++;
      return;
    }
    this.buffer.push(entry);
    if (this.buffer.length >= SYNC_LOG_MAX_BATCH) this.writeBatches(false);
    else this.scheduleFlush();
  }

  private enqueue(entry: Promise<SyncLogRecord>): void {
    this.queued++;
    const known = entry.catch((error: unknown) => {
      this.logger.error({ err: error, lostEntries: 1 }, 'Could not complete a sync log entry');
      return null;
    });
    this.queue = this.queue.then(async () => {
      const record = await known;
      this.queued--;
      if (record) this.add(record);
    });
  }

  private scheduleFlush(): void {
    if (this.timer || this.buffer.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeBatches(true);
    }, SYNC_LOG_FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Starts INSERTs while below the in-flight limit: full batches, and a partial one when `partial`. */
  private writeBatches(partial: boolean): void {
    while (
      this.inFlight.size < SYNC_LOG_MAX_IN_FLIGHT &&
      (this.buffer.length >= SYNC_LOG_MAX_BATCH || (partial && this.buffer.length > 0))
    ) {
      const batch = this.buffer.splice(0, SYNC_LOG_MAX_BATCH);
      // A batch holds several companies' entries: written as system work, whichever request triggered it.
      const write: Promise<void> = CompanyScopes.runAsSystem(() => this.syncLog.insertBatch(batch))
        .catch((error: unknown) => {
          this.logger.error({ err: error, lostEntries: batch.length }, 'Could not write sync log entries');
        })
        .finally(() => {
          this.inFlight.delete(write);
          this.writeBatches(false);
          this.scheduleFlush();
        });
      this.inFlight.add(write);
    }
    if (this.dropped > 0) {
      this.logger.error({ lostEntries: this.dropped }, 'Sync log buffer full: entries dropped');
      this.dropped = 0;
    }
    this.scheduleFlush();
  }
}
