import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { ConnectorRun, ConnectorRunResult } from './entities/connector-run.entity';

interface RunRow {
  company_id: string;
  id: string;
  integration_id: string;
  version: string | null;
  started_at: Date;
  finished_at: Date;
  result: ConnectorRunResult;
  users: number;
  groups: number;
  snapshot_id: string | null;
  error: string | null;
}

export type NewConnectorRun = Omit<ConnectorRun, 'companyId' | 'id' | 'integrationId' | 'integration'>;

@Injectable()
export class ConnectorRunsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(companyId: string, integrationId: string, run: NewConnectorRun): Promise<ConnectorRun> {
    const { rows } = await this.transactions.write<RunRow>(
      `INSERT INTO directory_connector_runs
         (company_id, integration_id, version, started_at, finished_at, result, users, groups, snapshot_id, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [companyId, integrationId, run.version, run.startedAt, run.finishedAt, run.result, run.users, run.groups, run.snapshotId, run.error],
    );
    return toRun(rows[0]);
  }

  /** Forgets the tab's runs but its `keep` most recent. */
  async keepRecent(companyId: string, integrationId: string, keep: number): Promise<void> {
    await this.transactions.write(
      `DELETE FROM directory_connector_runs
        WHERE company_id = $1 AND integration_id = $2
          AND id NOT IN (SELECT id FROM directory_connector_runs WHERE company_id = $1 AND integration_id = $2
                          ORDER BY started_at DESC LIMIT $3)`,
      [companyId, integrationId, keep],
    );
  }

  /** Newest first; only failed ones when `failedOnly`. */
  async recent(companyId: string, integrationId: string, limit: number, failedOnly = false): Promise<ConnectorRun[]> {
    const rows = await this.transactions.rows<RunRow>(
      `SELECT * FROM directory_connector_runs
        WHERE company_id = $1 AND integration_id = $2 ${failedOnly ? "AND result = 'failed'" : ''}
        ORDER BY started_at DESC LIMIT $3`,
      [companyId, integrationId, limit],
    );
    return rows.map(toRun);
  }
}

function toRun(row: RunRow): ConnectorRun {
  return Object.assign(new ConnectorRun(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    version: row.version,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result,
    users: row.users,
    groups: row.groups,
    snapshotId: row.snapshot_id,
    error: row.error,
  });
}
