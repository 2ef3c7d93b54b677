import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../database/transaction-host';
import { ConnectorAgent } from './entities/connector-agent.entity';

interface AgentRow {
  company_id: string;
  integration_id: string;
  version: string | null;
  last_contact_at: Date;
}

@Injectable()
export class ConnectorAgentsRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** The agent spoke now; its version is kept from its last request that named one. */
  async recordContact(companyId: string, integrationId: string, version: string | null): Promise<void> {
    await this.transactions.write(
      `INSERT INTO directory_connector_agents (company_id, integration_id, version, last_contact_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (company_id, integration_id) DO UPDATE
         SET version = COALESCE(EXCLUDED.version, directory_connector_agents.version), last_contact_at = now()`,
      [companyId, integrationId, version],
    );
  }

  async find(companyId: string, integrationId: string): Promise<ConnectorAgent | null> {
    const row = await this.transactions.first<AgentRow>(
      'SELECT * FROM directory_connector_agents WHERE company_id = $1 AND integration_id = $2',
      [companyId, integrationId],
    );
    return (
      row &&
      Object.assign(new ConnectorAgent(), {
        companyId: row.company_id,
        integrationId: row.integration_id,
        version: row.version,
        lastContactAt: row.last_contact_at,
      })
    );
  }
}
