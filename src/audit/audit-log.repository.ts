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

@Injectable()
export class AuditLogRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async append(companyId: string, record: AuditRecord): Promise<void> {
    await this.transactions.manager.query(
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
    const [, deleted]: [unknown[], number] = await this.transactions.manager.query(
      `DELETE FROM audit_log
        WHERE (company_id, id) IN (
          SELECT company_id, id FROM audit_log WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2)`,
      [days, limit],
    );
    return deleted;
  }

  /** Drops `detailKey` from the details of the entries about these targets, which stay and still name the target by id. */
  async removeDetailOfTargets(targetType: string, targets: AuditTarget[], detailKey: string): Promise<void> {
    if (targets.length === 0) return;
    await this.transactions.manager.query(
      `UPDATE audit_log a SET details = a.details - $3::text
         FROM unnest($1::uuid[], $2::varchar[]) AS t(company_id, target_id)
        WHERE a.company_id = t.company_id AND a.target_type = $4 AND a.target_id = t.target_id AND a.details ? $3::text`,
      [targets.map((target) => target.companyId), targets.map((target) => target.targetId), detailKey, targetType],
    );
  }

  /** Newest first; `beforeId` is the last id of the previous page. */
  async listPage(companyId: string, limit: number, beforeId?: string): Promise<AuditLogEntry[]> {
    const query = this.transactions.manager
      .createQueryBuilder(AuditLogEntry, 'entry')
      .where('entry.company_id = :companyId', { companyId })
      .orderBy('entry.id', 'DESC')
      .limit(limit);
    if (beforeId) query.andWhere('entry.id < :beforeId', { beforeId });
    return query.getMany();
  }
}
