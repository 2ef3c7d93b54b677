import { Injectable } from '@nestjs/common';
import { AuditLogRepository, AuditRecord, AuditTarget } from './audit-log.repository';
import { AuditLogEntry } from './entities/audit-log-entry.entity';

/** The audit log as other modules see it: they record and purge through here, never through its table. */
@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  /** Records an action in the enclosing transaction, so that it is kept exactly when the action is. */
  async append(companyId: string, record: AuditRecord): Promise<void> {
    await this.entries.append(companyId, record);
  }

  /** Newest first; `beforeId` is the last id of the previous page. */
  async listPage(companyId: string, limit: number, beforeId?: string): Promise<AuditLogEntry[]> {
    return this.entries.listPage(companyId, limit, beforeId);
  }

  /** Forgets a detail (personal data) of the entries about these targets; the entries stay. */
  async removeDetailOfTargets(targetType: string, targets: AuditTarget[], detailKey: string): Promise<void> {
    await this.entries.removeDetailOfTargets(targetType, targets, detailKey);
  }

  /** Deletes up to `limit` entries of every company older than `days` days; returns how many. */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    return this.entries.deleteOlderThan(days, limit);
  }
}
