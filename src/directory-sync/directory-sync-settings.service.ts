import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { TransactionHost } from '../database/transaction-host';
import { DeprovisionAction } from './entities/directory-sync-settings.entity';
import { DirectorySyncSettingsRepository, SettingsChange } from './directory-sync-settings.repository';

export interface SourceSettings {
  integrationId: string;
  deprovisionAction: DeprovisionAction;
  maxDeletePercent: number;
  updatedAt: Date | null;
}

export const DEFAULT_SETTINGS = { deprovisionAction: 'disable', maxDeletePercent: 10 } as const;

/** Per source: whether a snapshot's deprovisioning disables or deletes, and how much it may deprovision unconfirmed. */
@Injectable()
export class DirectorySyncSettingsService {
  constructor(
    private readonly settings: DirectorySyncSettingsRepository,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
  ) {}

  async get(companyId: string, integrationId: string): Promise<SourceSettings> {
    const row = await this.settings.find(companyId, integrationId);
    return row
      ? { integrationId, deprovisionAction: row.deprovisionAction, maxDeletePercent: row.maxDeletePercent, updatedAt: row.updatedAt }
      : { integrationId, ...DEFAULT_SETTINGS, updatedAt: null };
  }

  /** Audit-logged with the values before and after. */
  async update(actor: AdminPrincipal, integrationId: string, change: SettingsChange): Promise<SourceSettings> {
    return this.transactions.run(async () => {
      const before = await this.get(actor.companyId, integrationId);
      const row = await this.settings.upsert(actor.companyId, integrationId, change, actor.adminId);
      await this.auditLog.append(actor.companyId, {
        actorType: 'admin',
        actorId: actor.adminId,
        actorEmail: actor.email,
        action: 'directory_sync.settings_changed',
        targetType: 'directory_integration',
        targetId: integrationId,
        details: {
          before: { deprovisionAction: before.deprovisionAction, maxDeletePercent: before.maxDeletePercent },
          after: { deprovisionAction: row.deprovisionAction, maxDeletePercent: row.maxDeletePercent },
        },
      });
      return { integrationId, deprovisionAction: row.deprovisionAction, maxDeletePercent: row.maxDeletePercent, updatedAt: row.updatedAt };
    });
  }
}
