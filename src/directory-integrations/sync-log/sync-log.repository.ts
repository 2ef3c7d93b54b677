import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../database/transaction-host';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { SkipReason, SyncOperation } from '../entities/sync-log-entry.entity';

export interface SyncLogRecord {
  companyId: string;
  integrationId: string;
  operation: SyncOperation;
  resourceType: string;
  resourceId: string | null;
  status: number;
  /** The error and subject fields are absent where a writer has nothing to say: stored as null. */
  scimType?: string | null;
  /** Set when the write was answered but not applied (docs/ownership.md). */
  skipReason?: SkipReason | null;
  detail?: string | null;
  userName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
  requestId: string | null;
  occurredAt: Date;
}

/** `skipped`: answered with success but not applied, because another source manages the resource. */
export const SYNC_OUTCOMES = ['success', 'failure', 'skipped'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export interface SyncLogQuery {
  provider?: DirectoryProvider;
  status?: number;
  outcome?: SyncOutcome;
  /** Only entries recorded at or after `since` and before `until`. */
  since?: Date;
  until?: Date;
  /** Only entries older than this id (the previous page's last). */
  beforeId?: string;
  limit: number;
}

/** The SCIM writes of one hour (UTC), and how many of them failed. */
export interface SyncActivityHour {
  hour: Date;
  writes: number;
  failures: number;
}

export interface SyncLogRow extends Required<Omit<SyncLogRecord, 'companyId'>> {
  id: string;
  provider: DirectoryProvider;
}

/** An integration's failed (or skipped) writes of the last 24 hours, and its latest one (of any age). */
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
  skipReason: 'skip_reason',
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

/** The columns a batch INSERT writes, in order, with the field of SyncLogRecord each comes from. */
const INSERTED_COLUMNS = {
  company_id: 'companyId',
  integration_id: 'integrationId',
  operation: 'operation',
  resource_type: 'resourceType',
  resource_id: 'resourceId',
  status: 'status',
  scim_type: 'scimType',
  skip_reason: 'skipReason',
  detail: 'detail',
  user_name: 'userName',
  display_name: 'displayName',
  external_id: 'externalId',
  request_id: 'requestId',
  occurred_at: 'occurredAt',
} satisfies Record<string, keyof SyncLogRecord>;

@Injectable()
export class SyncLogRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** One multi-row INSERT for a batch; detached from any request's transaction (see SyncLogRecorder). */
  async insertBatch(records: SyncLogRecord[]): Promise<void> {
    if (records.length === 0) return;
    const fields = Object.values(INSERTED_COLUMNS);
    const params = records.flatMap((record) => fields.map((field) => record[field] ?? null));
    const rows = records.map((_, row) => `(${fields.map((_field, column) => `$${row * fields.length + column + 1}`).join(', ')})`);
    await this.transactions.detached(() =>
      this.transactions.write(`INSERT INTO sync_log (${Object.keys(INSERTED_COLUMNS).join(', ')}) VALUES ${rows.join(', ')}`, params),
    );
  }

  /** Deletes up to `limit` entries of every company (system work) recorded more than `days` days ago. */
  async deleteOlderThan(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM sync_log
        WHERE (company_id, id) IN (
          SELECT company_id, id FROM sync_log WHERE occurred_at < now() - make_interval(days => $1) ORDER BY occurred_at LIMIT $2)`,
      [days, limit],
    );
    return count;
  }

  /** Newest first: identity order is recording order. */
  async page(companyId: string, query: SyncLogQuery): Promise<SyncLogRow[]> {
    const params: unknown[] = [companyId];
    const conditions = ['"entry"."company_id" = $1'];
    const where = (condition: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      conditions.push(condition(`$${params.length}`));
    };
    if (query.provider) where((p) => `"integration"."provider" = ${p}`, query.provider);
    if (query.status !== undefined) where((p) => `"entry"."status" = ${p}`, query.status);
    if (query.outcome === 'skipped') conditions.push(`"entry"."skip_reason" IS NOT NULL`);
    else if (query.outcome === 'success') where((p) => `"entry"."status" < ${p} AND "entry"."skip_reason" IS NULL`, FIRST_FAILURE_STATUS);
    else if (query.outcome === 'failure') where((p) => `"entry"."status" >= ${p}`, FIRST_FAILURE_STATUS);
    if (query.since) where((p) => `"entry"."occurred_at" >= ${p}`, query.since);
    if (query.until) where((p) => `"entry"."occurred_at" < ${p}`, query.until);
    if (query.beforeId) where((p) => `"entry"."id" < ${p}`, query.beforeId);
    params.push(query.limit);
    return this.transactions.rows<SyncLogRow>(
      `SELECT "integration"."provider" AS "provider", "entry"."integration_id" AS "integrationId", ${entryColumns('entry').join(', ')}
         FROM "sync_log" AS "entry"
         JOIN "directory_integrations" AS "integration"
           ON "integration"."company_id" = "entry"."company_id" AND "integration"."id" = "entry"."integration_id"
        WHERE ${conditions.join(' AND ')}
        ORDER BY "entry"."id" DESC
        LIMIT $${params.length}`,
      params,
    );
  }

  /** Writes and failures per hour since `since`, hours without writes left out; a Bulk request counts as its operations. */
  async activityByHour(companyId: string, since: Date, provider?: DirectoryProvider): Promise<SyncActivityHour[]> {
    const params: unknown[] = [companyId, since, FIRST_FAILURE_STATUS];
    if (provider) params.push(provider);
    return this.transactions.rows<SyncActivityHour>(
      `SELECT date_trunc('hour', "entry"."occurred_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS "hour",
              count(*)::int AS "writes",
              (count(*) FILTER (WHERE "entry"."status" >= $3))::int AS "failures"
         FROM "sync_log" AS "entry"
         JOIN "directory_integrations" AS "integration"
           ON "integration"."company_id" = "entry"."company_id" AND "integration"."id" = "entry"."integration_id"
        WHERE "entry"."company_id" = $1 AND "entry"."occurred_at" >= $2 AND "entry"."operation" <> 'bulk'
              ${provider ? 'AND "integration"."provider" = $4' : ''}
        GROUP BY 1
        ORDER BY 1`,
      params,
    );
  }

  /** Per integration of the company: failures of the last 24 hours and the latest failure, from the failures index. */
  async failuresByIntegration(companyId: string): Promise<IntegrationFailures[]> {
    return this.countedByIntegration(companyId, `"status" >= ${FIRST_FAILURE_STATUS}`);
  }

  /**
   * Per integration of the company: writes skipped because another source manages the resource (conflicts) in the
   * last 24 hours and the latest, from the skipped-writes index.
   */
  async conflictsByIntegration(companyId: string): Promise<IntegrationFailures[]> {
    return this.countedByIntegration(companyId, `"skip_reason" IS NOT NULL`);
  }

  /** `condition` is a constant over the entry's own columns. */
  private async countedByIntegration(companyId: string, condition: string): Promise<IntegrationFailures[]> {
    const rows = await this.transactions.rows<Omit<SyncLogRow, 'provider' | 'integrationId'> & { integrationId: string; lastDay: number }>(
      `SELECT "integration"."id" AS "integrationId",
                (SELECT count(*)::int FROM "sync_log" AS "failure"
                  WHERE "failure"."company_id" = "integration"."company_id" AND "failure"."integration_id" = "integration"."id"
                    AND "failure".${condition} AND "failure"."occurred_at" > now() - interval '24 hours') AS "lastDay",
                "latest".*
           FROM "directory_integrations" AS "integration"
           LEFT JOIN LATERAL (
             SELECT ${entryColumns('failure').join(', ')}
               FROM "sync_log" AS "failure"
              WHERE "failure"."company_id" = "integration"."company_id" AND "failure"."integration_id" = "integration"."id"
                AND "failure".${condition}
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
