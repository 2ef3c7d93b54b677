import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SyncLogRecord, SyncLogRepository } from './sync-log.repository';

/** How long an entry may wait in memory before its batch is written. */
export const SYNC_LOG_FLUSH_INTERVAL_MS = 200;
/** A batch this large is written at once, without waiting for the interval. */
export const SYNC_LOG_MAX_BATCH = 200;

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

  constructor(private readonly syncLog: SyncLogRepository) {}

  record(entry: SyncLogRecord): void {
    this.buffer.push(entry);
    if (this.buffer.length >= SYNC_LOG_MAX_BATCH) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), SYNC_LOG_FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** Writes what is buffered now; resolves when that batch and every earlier one are done. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      const write = this.syncLog.insertBatch(batch).catch((error: unknown) => {
        this.logger.error({ err: error, lostEntries: batch.length }, 'Could not write sync log entries');
      });
      this.inFlight.add(write);
      void write.finally(() => this.inFlight.delete(write));
    }
    await Promise.all([...this.inFlight]);
  }

  /** The HTTP server still accepts requests here, so entries may follow: flushed again below. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * Runs after the HTTP server closed (in-flight requests have finished) and before the
   * TypeORM module destroys the DataSource: global modules such as the database's get their
   * shutdown hook last.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
