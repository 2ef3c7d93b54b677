import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { DirectorySnapshot, SnapshotState } from './entities/directory-snapshot.entity';

interface SnapshotRow {
  company_id: string;
  id: string;
  integration_id: string;
  provider: string;
  state: SnapshotState;
  planned: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  reason: string | null;
  created_at: Date;
  expires_at: Date;
  committed_at: Date | null;
  applied_at: Date | null;
  duration_ms: number | null;
  decided_by: string | null;
  decided_by_email: string | null;
  decided_at: Date | null;
}

/** The columns a state change may set besides the state; absent ones keep their value. */
export interface SnapshotRecord {
  planned?: Record<string, unknown>;
  result?: Record<string, unknown>;
  reason?: string | null;
  committed?: true;
  applied?: { durationMs: number };
  decidedBy?: { adminId: string; email: string | null };
  /** A held snapshot waits for an admin this long from now. */
  expiresInMs?: number;
}

export interface SnapshotListQuery {
  integrationId?: string;
  state?: SnapshotState;
  afterId?: string;
  limit: number;
}

/** An applying snapshot that has not finished in this time is taken for abandoned (its instance stopped). */
const ABANDONED_AFTER = '1 hour';

@Injectable()
export class DirectorySnapshotsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(companyId: string, integrationId: string, provider: string, expiresInMs: number): Promise<DirectorySnapshot> {
    const { rows } = await this.transactions.write<SnapshotRow>(
      `INSERT INTO directory_snapshots (company_id, integration_id, provider, state, expires_at)
       VALUES ($1, $2, $3, 'open', now() + make_interval(secs => $4::double precision / 1000))
       RETURNING *`,
      [companyId, integrationId, provider, expiresInMs],
    );
    return toSnapshot(rows[0]);
  }

  /**
   * Ids that are not UUIDs match nothing. `lock` holds the row until the transaction ends: uploads share it, so that
   * parts upload side by side while a commit, which takes it for update, waits for them.
   */
  async findById(companyId: string, snapshotId: string, lock: '' | 'FOR SHARE' | 'FOR UPDATE' = ''): Promise<DirectorySnapshot | null> {
    if (!isUUID(snapshotId)) return null;
    const row = await this.transactions.first<SnapshotRow>(`SELECT * FROM directory_snapshots WHERE company_id = $1 AND id = $2 ${lock}`, [
      companyId,
      snapshotId,
    ]);
    return row ? toSnapshot(row) : null;
  }

  /** Newest first; `afterId` is the last snapshot of the previous page. */
  async list(companyId: string, query: SnapshotListQuery): Promise<DirectorySnapshot[]> {
    const params: unknown[] = [companyId];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['s.company_id = $1'];
    if (query.integrationId) conditions.push(`s.integration_id = ${bind(query.integrationId)}`);
    if (query.state) conditions.push(`s.state = ${bind(query.state)}`);
    if (query.afterId) {
      conditions.push(
        `(s.created_at, s.id) < (SELECT a.created_at, a.id FROM directory_snapshots a WHERE a.company_id = $1 AND a.id = ${bind(query.afterId)})`,
      );
    }
    const rows = await this.transactions.rows<SnapshotRow>(
      `SELECT s.* FROM directory_snapshots s WHERE ${conditions.join(' AND ')}
        ORDER BY s.created_at DESC, s.id DESC LIMIT ${bind(query.limit)}`,
      params,
    );
    return rows.map(toSnapshot);
  }

  /** Moves the snapshot to `state`, recording what `record` names. */
  async transition(companyId: string, snapshotId: string, state: SnapshotState, record: SnapshotRecord = {}): Promise<DirectorySnapshot> {
    const { rows } = await this.transactions.write<SnapshotRow>(
      `UPDATE directory_snapshots
          SET state = $3,
              planned = COALESCE($4::jsonb, planned),
              result = COALESCE($5::jsonb, result),
              reason = CASE WHEN $6::boolean THEN $7 ELSE reason END,
              committed_at = CASE WHEN $8::boolean THEN now() ELSE committed_at END,
              applied_at = CASE WHEN $9::integer IS NULL THEN applied_at ELSE now() END,
              duration_ms = COALESCE($9::integer, duration_ms),
              decided_by = COALESCE($10::uuid, decided_by),
              decided_by_email = CASE WHEN $10::uuid IS NULL THEN decided_by_email ELSE $11 END,
              decided_at = CASE WHEN $10::uuid IS NULL THEN decided_at ELSE now() END,
              expires_at = CASE WHEN $12::double precision IS NULL THEN expires_at
                                ELSE now() + make_interval(secs => $12::double precision / 1000) END
        WHERE company_id = $1 AND id = $2
        RETURNING *`,
      [
        companyId,
        snapshotId,
        state,
        record.planned === undefined ? null : JSON.stringify(record.planned),
        record.result === undefined ? null : JSON.stringify(record.result),
        record.reason !== undefined,
        record.reason ?? null,
        record.committed === true,
        record.applied?.durationMs ?? null,
        record.decidedBy?.adminId ?? null,
        record.decidedBy?.email ?? null,
        record.expiresInMs ?? null,
      ],
    );
    return toSnapshot(rows[0]);
  }

  /** Whether another snapshot of the integration is being applied (one that was abandoned does not count). */
  async anotherApplying(companyId: string, integrationId: string, snapshotId: string): Promise<boolean> {
    const row = await this.transactions.first<{ id: string }>(
      `SELECT id FROM directory_snapshots
        WHERE company_id = $1 AND integration_id = $2 AND id <> $3 AND state = 'applying'
          AND committed_at > now() - interval '${ABANDONED_AFTER}'
        LIMIT 1`,
      [companyId, integrationId, snapshotId],
    );
    return row !== null;
  }

  /** The integration's held snapshots opened before this one, locked: a newer snapshot supersedes them. */
  async heldBefore(companyId: string, integrationId: string, snapshotId: string): Promise<DirectorySnapshot[]> {
    const rows = await this.transactions.rows<SnapshotRow>(
      `SELECT s.* FROM directory_snapshots s
        WHERE s.company_id = $1 AND s.integration_id = $2 AND s.id <> $3 AND s.state = 'held'
          AND s.created_at <= (SELECT n.created_at FROM directory_snapshots n WHERE n.company_id = $1 AND n.id = $3)
        ORDER BY s.created_at
        FOR UPDATE`,
      [companyId, integrationId, snapshotId],
    );
    return rows.map(toSnapshot);
  }

  /**
   * Expires up to `limit` open or held snapshots past their time, of every company (system work); their staged
   * parts go with the expiry. Returns how many expired.
   */
  async expireDue(limit: number): Promise<number> {
    const { rows } = await this.transactions.write<{ company_id: string; id: string }>(
      `UPDATE directory_snapshots s SET state = 'expired', reason = 'Not committed or confirmed in time'
         FROM (SELECT company_id, id FROM directory_snapshots
                WHERE state IN ('open', 'held') AND expires_at < now() ORDER BY expires_at LIMIT $1) due
        WHERE s.company_id = due.company_id AND s.id = due.id
        RETURNING s.company_id, s.id`,
      [limit],
    );
    if (rows.length > 0) {
      await this.transactions.write(
        `DELETE FROM directory_snapshot_parts p USING jsonb_to_recordset($1::jsonb) AS e(company_id uuid, id uuid)
          WHERE p.company_id = e.company_id AND p.snapshot_id = e.id`,
        [JSON.stringify(rows)],
      );
    }
    return rows.length;
  }

  /** Deletes up to `limit` snapshots of every company that ended (applied, rejected, expired, failed) `days` days ago. */
  async deleteEndedBefore(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM directory_snapshots s
        USING (SELECT company_id, id FROM directory_snapshots
                WHERE state IN ('applied', 'rejected', 'expired', 'failed')
                  AND COALESCE(applied_at, decided_at, committed_at, expires_at) < now() - make_interval(days => $1)
                LIMIT $2) old
        WHERE s.company_id = old.company_id AND s.id = old.id`,
      [days, limit],
    );
    return count;
  }
}

function toSnapshot(row: SnapshotRow): DirectorySnapshot {
  return Object.assign(new DirectorySnapshot(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider,
    state: row.state,
    planned: row.planned,
    result: row.result,
    reason: row.reason,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    committedAt: row.committed_at,
    appliedAt: row.applied_at,
    durationMs: row.duration_ms,
    decidedBy: row.decided_by,
    decidedByEmail: row.decided_by_email,
    decidedAt: row.decided_at,
  });
}
