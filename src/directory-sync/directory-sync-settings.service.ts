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

type SettingsActor = { actorType: 'admin'; actorId: string; actorEmail: string | null } | { actorType: 'integration'; actorId: string };

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
    return this.write(actor.companyId, integrationId, change, { actorType: 'admin', actorId: actor.adminId, actorEmail: actor.email });
  }

  /**
   * The source sets its own settings (the directory connector, from the configuration its admin wrote); written and
   * audit-logged only when they change.
   */
  async updateBySource(companyId: string, integrationId: string, change: SettingsChange): Promise<SourceSettings> {
    const current = await this.get(companyId, integrationId);
    const unchanged = (Object.keys(change) as (keyof SettingsChange)[]).every(
      (key) => change[key] === undefined || change[key] === current[key],
    );
    if (unchanged) return current;
    return this.write(companyId, integrationId, change, { actorType: 'integration', actorId: integrationId });
  }

  private async write(companyId: string, integrationId: string, change: SettingsChange, actor: SettingsActor): Promise<SourceSettings> {
    return this.transactions.run(async () => {
      const before = await this.get(companyId, integrationId);
      const row = await this.settings.upsert(companyId, integrationId, change, actor.actorType === 'admin' ? actor.actorId : null);
      await this.auditLog.append(companyId, {
        ...actor,
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
