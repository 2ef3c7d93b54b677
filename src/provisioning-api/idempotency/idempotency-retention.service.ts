import { Injectable } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HOURS, IdempotencyRecordsRepository } from './idempotency-records.repository';

/** Retention of the idempotency keys: the retention job purges them through here once their 24 hours are over. */
@Injectable()
export class IdempotencyRetentionService {
  constructor(private readonly records: IdempotencyRecordsRepository) {}

  /** Forgets up to `limit` expired keys of every company; returns how many. */
  async purgeExpired(limit: number): Promise<number> {
    return this.records.deleteOlderThan(IDEMPOTENCY_KEY_HOURS, limit);
  }
}
