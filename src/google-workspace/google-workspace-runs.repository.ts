import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { GoogleRunCounts, GoogleRunState, GoogleRunTrigger, GoogleWorkspaceRun } from './entities/google-workspace-run.entity';

interface RunRow {
  company_id: string;
  id: string;
  integration_id: string;
  trigger: GoogleRunTrigger;
  state: GoogleRunState;
  started_at: Date;
  finished_at: Date | null;
  snapshot_id: string | null;
  counts: GoogleRunCounts | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

export interface RunEnd {
  state: Exclude<GoogleRunState, 'running'>;
  snapshotId: string | null;
  counts: GoogleRunCounts | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

const MAX_ERROR_LENGTH = 2000;

@Injectable()
export class GoogleWorkspaceRunsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async start(companyId: string, integrationId: string, trigger: GoogleRunTrigger): Promise<GoogleWorkspaceRun> {
    const { rows } = await this.transactions.write<RunRow>(
      `INSERT INTO google_workspace_runs (company_id, integration_id, trigger, state, started_at)
       VALUES ($1, $2, $3, 'running', now()) RETURNING *`,
      [companyId, integrationId, trigger],
    );
    return toRun(rows[0]);
  }

  async finish(companyId: string, runId: string, end: RunEnd): Promise<GoogleWorkspaceRun> {
    const { rows } = await this.transactions.write<RunRow>(
      `UPDATE google_workspace_runs
          SET state = $3, finished_at = now(), snapshot_id = $4, counts = $5::jsonb, result = $6::jsonb, error = $7
        WHERE company_id = $1 AND id = $2 RETURNING *`,
      [
        companyId,
        runId,
        end.state,
        end.snapshotId,
        end.counts ? JSON.stringify(end.counts) : null,
        end.result ? JSON.stringify(end.result) : null,
        end.error?.slice(0, MAX_ERROR_LENGTH) ?? null,
      ],
    );
    return toRun(rows[0]);
  }

  /** Deletes the integration's runs beyond the newest `keep`. */
  async deleteOlderThanNewest(companyId: string, integrationId: string, keep: number): Promise<void> {
    await this.transactions.write(
      `DELETE FROM google_workspace_runs
        WHERE company_id = $1 AND id IN (
          SELECT id FROM google_workspace_runs WHERE company_id = $1 AND integration_id = $2
           ORDER BY started_at DESC, id DESC OFFSET $3)`,
      [companyId, integrationId, keep],
    );
  }

  /** Newest first. */
  async recent(companyId: string, integrationId: string, limit: number): Promise<GoogleWorkspaceRun[]> {
    const rows = await this.transactions.rows<RunRow>(
      `SELECT * FROM google_workspace_runs WHERE company_id = $1 AND integration_id = $2 ORDER BY started_at DESC, id DESC LIMIT $3`,
      [companyId, integrationId, limit],
    );
    return rows.map(toRun);
  }
}

function toRun(row: RunRow): GoogleWorkspaceRun {
  return Object.assign(new GoogleWorkspaceRun(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    trigger: row.trigger,
    state: row.state,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    snapshotId: row.snapshot_id,
    counts: row.counts,
    result: row.result,
    error: row.error,
  });
}
