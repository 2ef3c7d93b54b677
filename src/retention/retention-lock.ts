import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';

// Any fixed 64-bit number, distinct from the migrations' lock.
export const RETENTION_LOCK_KEY = 7_301_554_219;

/**
 * Serialises retention batches across every instance on the database. The lock belongs to the batch's
 * transaction, so it never outlives a batch and needs no connection of its own (the embedded database has one).
 */
@Injectable()
export class RetentionLock {
  constructor(private readonly transactions: TransactionHost) {}

  /** Inside a transaction: true when this transaction now holds the lock, false when another one does. */
  async tryAcquireForTransaction(): Promise<boolean> {
    const row = await this.transactions.first<{ acquired: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS acquired', [
      RETENTION_LOCK_KEY,
    ]);
    return row!.acquired;
  }
}
