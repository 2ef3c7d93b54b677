import { Injectable } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { isForeignKeyViolation } from '../database/postgres-errors';
import { TransactionHost } from '../database/transaction-host';
import { DeprovisionAction, DirectorySyncSettings } from './entities/directory-sync-settings.entity';

interface SettingsRow {
  company_id: string;
  integration_id: string;
  deprovision_action: DeprovisionAction;
  max_delete_percent: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface SettingsChange {
  deprovisionAction?: DeprovisionAction;
  maxDeletePercent?: number;
}

@Injectable()
export class DirectorySyncSettingsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async find(companyId: string, integrationId: string): Promise<DirectorySyncSettings | null> {
    const row = await this.transactions.first<SettingsRow>(
      `SELECT * FROM directory_sync_settings WHERE company_id = $1 AND integration_id = $2`,
      [companyId, integrationId],
    );
    return row ? toSettings(row) : null;
  }

  /**
   * Writes the given settings, the others keep their value (or default); an unknown integration is not found. `adminId`
   * is null when the source itself set them (the directory connector, from its configuration).
   */
  async upsert(companyId: string, integrationId: string, change: SettingsChange, adminId: string | null): Promise<DirectorySyncSettings> {
    try {
      const { rows } = await this.transactions.write<SettingsRow>(
        `INSERT INTO directory_sync_settings (company_id, integration_id, deprovision_action, max_delete_percent, updated_by)
         VALUES ($1, $2, COALESCE($3, 'disable'), COALESCE($4, 10), $5)
         ON CONFLICT (company_id, integration_id) DO UPDATE
           SET deprovision_action = COALESCE($3, directory_sync_settings.deprovision_action),
               max_delete_percent = COALESCE($4, directory_sync_settings.max_delete_percent),
               updated_by = $5, updated_at = now()
         RETURNING *`,
        [companyId, integrationId, change.deprovisionAction ?? null, change.maxDeletePercent ?? null, adminId],
      );
      return toSettings(rows[0]);
    } catch (error) {
      if (isForeignKeyViolation(error, 'FK_directory_sync_settings_integration')) {
        throw DomainException.notFound(`Directory integration ${integrationId}`);
      }
      throw error;
    }
  }
}

function toSettings(row: SettingsRow): DirectorySyncSettings {
  return Object.assign(new DirectorySyncSettings(), {
    companyId: row.company_id,
    integrationId: row.integration_id,
    deprovisionAction: row.deprovision_action,
    maxDeletePercent: row.max_delete_percent,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  });
}
