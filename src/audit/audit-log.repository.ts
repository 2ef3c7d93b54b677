import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { AuditActorType, AuditLogEntry } from './entities/audit-log-entry.entity';

export interface AuditRecord {
  actorType: AuditActorType;
  actorId: string | null;
  actorEmail?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

export interface AuditTarget {
  companyId: string;
  targetId: string;
}

interface AuditLogRow {
  company_id: string;
  id: string;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async append(companyId: string, record: AuditRecord): Promise<void> {
    await this.transactions.write(
      `INSERT INTO audit_log (company_id, actor_type, actor_id, actor_email, action, target_type, target_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        companyId,
        record.actorType,
        record.actorId,
        record.actorEmail ?? null,
        record.action,
        record.targetType ?? null,
        record.targetId ?? null,
        JSON.stringify(record.details ?? {}),
      ],
    );
  }

  /** Deletes up to `limit` entries of every company (system work) older than `days` days. */
  async deleteOlderThan(days: number, limit: number): Promise<number> {
    const { count } = await this.transactions.write(
      `DELETE FROM audit_log
        WHERE (company_id, id) IN (
          SELECT company_id, id FROM audit_log WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2)`,
      [days, limit],
    );
    return count;
  }

  /** Drops `detailKey` from the details of the entries about these targets, which stay and still name the target by id. */
  async removeDetailOfTargets(targetType: string, targets: AuditTarget[], detailKey: string): Promise<void> {
    if (targets.length === 0) return;
    await this.transactions.write(
      `UPDATE audit_log a SET details = a.details - $3::text
         FROM unnest($1::uuid[], $2::varchar[]) AS t(company_id, target_id)
        WHERE a.company_id = t.company_id AND a.target_type = $4 AND a.target_id = t.target_id AND a.details ? $3::text`,
      [targets.map((target) => target.companyId), targets.map((target) => target.targetId), detailKey, targetType],
    );
  }

  /** Newest first; `beforeId` is the last id of the previous page. */
  async listPage(companyId: string, limit: number, beforeId?: string): Promise<AuditLogEntry[]> {
    const rows = await this.transactions.rows<AuditLogRow>(
      `SELECT * FROM audit_log
        WHERE company_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC
        LIMIT $3`,
      [companyId, beforeId || null, limit],
    );
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditLogRow): AuditLogEntry {
  return Object.assign(new AuditLogEntry(), {
    companyId: row.company_id,
    id: row.id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    createdAt: row.created_at,
  });
}
