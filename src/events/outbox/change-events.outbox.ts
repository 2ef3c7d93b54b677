import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { ChangeSource } from '../../common/auth/change-source';
import { NewChangeEvent } from '../change-event';
import { AppendedEventsSignal } from './appended-events.signal';
import { ChangeEventsRepository } from './change-events.repository';

/**
 * Where accounts and groups write the events of their changes, in the change's own transaction: both commit,
 * or neither does. Calling it outside a transaction is a programming error, refused.
 */
@Injectable()
export class ChangeEventsOutbox {
  constructor(
    private readonly events: ChangeEventsRepository,
    private readonly transactions: TransactionHost,
    private readonly signal: AppendedEventsSignal,
  ) {}

  async append(companyId: string, source: ChangeSource, events: readonly NewChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (!this.transactions.inTransaction) throw new Error('Change events are appended in the transaction of their change');
    await this.events.insert(companyId, source, events);
    this.transactions.afterCommit(() => this.signal.appended());
  }
}
