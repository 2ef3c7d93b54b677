import { Injectable } from '@nestjs/common';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { INTEGRATION_COLUMNS, IntegrationRow, toDirectoryIntegration } from './integration-row';

/** The integrations behind the tabs; their tokens and last sync times have repositories of their own. */
@Injectable()
export class DirectoryIntegrationsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The company's integrations: one per provider it ever used. */
  async listForCompany(companyId: string): Promise<DirectoryIntegration[]> {
    const rows = await this.transactions.rows<IntegrationRow>(
      `SELECT ${INTEGRATION_COLUMNS} FROM directory_integrations WHERE company_id = $1`,
      [companyId],
    );
    return rows.map(toDirectoryIntegration);
  }

  /** The (company, provider) integration, created on first use, row-locked until the transaction ends. */
  async ensureLocked(companyId: string, provider: DirectoryProvider): Promise<DirectoryIntegration> {
    await this.transactions.write('INSERT INTO directory_integrations (company_id, provider) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      companyId,
      provider,
    ]);
    const row = await this.transactions.first<IntegrationRow>(
      `SELECT ${INTEGRATION_COLUMNS} FROM directory_integrations WHERE company_id = $1 AND provider = $2 FOR UPDATE`,
      [companyId, provider],
    );
    return toDirectoryIntegration(row!);
  }

  async setAdoptUnmanagedUsers(companyId: string, integrationId: string, adopt: boolean): Promise<void> {
    await this.transactions.write(`UPDATE directory_integrations SET adopt_unmanaged_users = $3 WHERE company_id = $1 AND id = $2`, [
      companyId,
      integrationId,
      adopt,
    ]);
  }

  /** Whether the integration adopts unmanaged users; false for an unknown one. */
  async adoptsUnmanagedUsers(companyId: string, integrationId: string): Promise<boolean> {
    const row = await this.transactions.first<{ adopt: boolean }>(
      `SELECT adopt_unmanaged_users AS adopt FROM directory_integrations WHERE company_id = $1 AND id = $2`,
      [companyId, integrationId],
    );
    return row?.adopt ?? false;
  }
}
