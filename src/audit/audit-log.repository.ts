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
