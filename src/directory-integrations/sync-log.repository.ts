import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryProvider } from './directory-provider';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { SyncLogEntry, SyncOperation } from './entities/sync-log-entry.entity';

export interface SyncLogRecord {
  companyId: string;
  integrationId: string;
  operation: SyncOperation;
  resourceType: string;
  resourceId: string | null;
  status: number;
  requestId: string | null;
  occurredAt: Date;
}

export type SyncStatusFilter = { exact: number } | { outcome: 'success' | 'failure' };

export interface SyncLogQuery {
  provider?: DirectoryProvider;
  status?: SyncStatusFilter;
  /** Only entries older than this id (the previous page's last). */
  beforeId?: string;
  limit: number;
}

export interface SyncLogRow {
  id: string;
  integrationId: string;
  provider: DirectoryProvider;
  operation: SyncOperation;
  resourceType: string;
  resourceId: string | null;
  status: number;
  requestId: string | null;
  occurredAt: Date;
}

/** A status below 400 is a success. */
export const FIRST_FAILURE_STATUS = 400;

@Injectable()
export class SyncLogRepository {
  constructor(
    private readonly transactions: TransactionHost,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One multi-row INSERT for a batch; detached from any request's transaction (see SyncLogRecorder). */
  async insertBatch(records: SyncLogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SyncLogEntry)
      .values(records)
      .updateEntity(false)
      .execute();
  }

  /** Deletes up to `limit` entries of every company (system work) recorded more than `days` days ago. */
  async deleteOlderThan(days: number, limit: number): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.transactions.manager.query(
      `DELETE FROM sync_log
        WHERE (company_id, id) IN (
          SELECT company_id, id FROM sync_log WHERE occurred_at < now() - make_interval(days => $1) ORDER BY occurred_at LIMIT $2)`,
      [days, limit],
    );
    return deleted;
  }

  /** Newest first: identity order is recording order. */
  async page(companyId: string, query: SyncLogQuery): Promise<SyncLogRow[]> {
    const builder = this.transactions.manager
      .createQueryBuilder(SyncLogEntry, 'entry')
      .innerJoin(
        DirectoryIntegration,
        'integration',
        'integration.company_id = entry.company_id AND integration.id = entry.integration_id',
      )
      .select([
        'entry.id AS "id"',
        'entry.integration_id AS "integrationId"',
        'integration.provider AS "provider"',
        'entry.operation AS "operation"',
        'entry.resource_type AS "resourceType"',
        'entry.resource_id AS "resourceId"',
        'entry.status AS "status"',
        'entry.request_id AS "requestId"',
        'entry.occurred_at AS "occurredAt"',
      ])
      .where('entry.company_id = :companyId', { companyId });
    if (query.provider) builder.andWhere('integration.provider = :provider', { provider: query.provider });
    if (query.status && 'exact' in query.status) builder.andWhere('entry.status = :status', { status: query.status.exact });
    if (query.status && 'outcome' in query.status) {
      builder.andWhere(query.status.outcome === 'success' ? 'entry.status < :first' : 'entry.status >= :first', {
        first: FIRST_FAILURE_STATUS,
      });
    }
    if (query.beforeId) builder.andWhere('entry.id < :beforeId', { beforeId: query.beforeId });
    return builder.orderBy('entry.id', 'DESC').limit(query.limit).getRawMany<SyncLogRow>();
  }
}
