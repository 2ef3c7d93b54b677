import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { SyncLogEntry, SyncOperation } from './entities/sync-log-entry.entity';

export interface SyncLogRecord {
  companyId: string;
  integrationId: string;
  operation: SyncOperation;
  resourceType: string;
  resourceId: string | null;
  status: number;
  /** The error and subject fields are absent where a writer has nothing to say: stored as null. */
  scimType?: string | null;
  detail?: string | null;
  userName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
  requestId: string | null;
  occurredAt: Date;
}

export const SYNC_OUTCOMES = ['success', 'failure'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export interface SyncLogQuery {
  provider?: DirectoryProvider;
  status?: number;
  outcome?: SyncOutcome;
  /** Only entries older than this id (the previous page's last). */
  beforeId?: string;
  limit: number;
}

export interface SyncLogRow extends Required<Omit<SyncLogRecord, 'companyId'>> {
  id: string;
  provider: DirectoryProvider;
}

/** An integration's failed writes of the last 24 hours, and its latest failure (of any age). */
export interface IntegrationFailures {
  integrationId: string;
  lastDay: number;
  latest: Omit<SyncLogRow, 'provider'> | null;
}

/** A status below 400 is a success. */
export const FIRST_FAILURE_STATUS = 400;

/** An entry's columns besides its integration, by the field each is read into. */
const ENTRY_COLUMNS = {
  id: 'id',
  operation: 'operation',
  resourceType: 'resource_type',
  resourceId: 'resource_id',
  status: 'status',
  scimType: 'scim_type',
  detail: 'detail',
  userName: 'user_name',
  displayName: 'display_name',
  externalId: 'external_id',
  requestId: 'request_id',
  occurredAt: 'occurred_at',
} satisfies Record<keyof Omit<SyncLogRow, 'provider' | 'integrationId'>, string>;

function entryColumns(alias: string): string[] {
  return Object.entries(ENTRY_COLUMNS).map(([field, column]) => `"${alias}"."${column}" AS "${field}"`);
}

@Injectable()
export class SyncLogRepository {
  constructor(
    private readonly transactions: TransactionHost,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One multi-row INSERT for a batch; detached from any request's transaction (see SyncLogRecorder). */
  async insertBatch(records: SyncLogRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.createQueryBuilder().insert().into(SyncLogEntry).values(records).updateEntity(false).execute();
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
      .innerJoin(DirectoryIntegration, 'integration', 'integration.company_id = entry.company_id AND integration.id = entry.integration_id')
      .select(['integration.provider AS "provider"', 'entry.integration_id AS "integrationId"', ...entryColumns('entry')])
      .where('entry.company_id = :companyId', { companyId });
    if (query.provider) builder.andWhere('integration.provider = :provider', { provider: query.provider });
    if (query.status !== undefined) builder.andWhere('entry.status = :status', { status: query.status });
    if (query.outcome) {
      builder.andWhere(query.outcome === 'success' ? 'entry.status < :first' : 'entry.status >= :first', {
        first: FIRST_FAILURE_STATUS,
      });
    }
    if (query.beforeId) builder.andWhere('entry.id < :beforeId', { beforeId: query.beforeId });
    return builder.orderBy('entry.id', 'DESC').limit(query.limit).getRawMany<SyncLogRow>();
  }

  /** Per integration of the company: failures of the last 24 hours and the latest failure, from the failures index. */
  async failuresByIntegration(companyId: string): Promise<IntegrationFailures[]> {
    const rows: (Omit<SyncLogRow, 'provider' | 'integrationId'> & { integrationId: string; lastDay: number })[] =
      await this.transactions.manager.query(
        `SELECT "integration"."id" AS "integrationId",
                (SELECT count(*)::int FROM "sync_log" AS "failure"
                  WHERE "failure"."company_id" = "integration"."company_id" AND "failure"."integration_id" = "integration"."id"
                    AND "failure"."status" >= ${FIRST_FAILURE_STATUS} AND "failure"."occurred_at" > now() - interval '24 hours') AS "lastDay",
                "latest".*
           FROM "directory_integrations" AS "integration"
           LEFT JOIN LATERAL (
             SELECT ${entryColumns('failure').join(', ')}
               FROM "sync_log" AS "failure"
              WHERE "failure"."company_id" = "integration"."company_id" AND "failure"."integration_id" = "integration"."id"
                AND "failure"."status" >= ${FIRST_FAILURE_STATUS}
              ORDER BY "failure"."occurred_at" DESC, "failure"."id" DESC
              LIMIT 1
           ) AS "latest" ON true
          WHERE "integration"."company_id" = $1`,
        [companyId],
      );
    return rows.map(({ integrationId, lastDay, ...latest }) => ({
      integrationId,
      lastDay,
      latest: latest.id === null ? null : { ...latest, integrationId },
    }));
  }
}
