import { Injectable } from '@nestjs/common';
import { ProvisioningApiScope } from '../../common/auth/provisioning-principal';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { TransactionHost } from '../../database/transaction-host';
import { ProvisioningApiKey } from './entities/provisioning-api-key.entity';

export interface NewApiKey {
  integrationId: string;
  name: string;
  scope: ProvisioningApiScope;
  hash: Buffer;
  prefix: string;
  createdBy: string;
}

interface ApiKeyRow {
  company_id: string;
  id: string;
  integration_id: string;
  name: string;
  scope: ProvisioningApiScope;
  key_prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const KEY_COLUMNS = 'company_id, id, integration_id, name, scope, key_prefix, created_by, created_at, last_used_at, revoked_at';

/** The provisioning_api_keys table: the Provisioning API's company keys, hashes only. */
@Injectable()
export class ProvisioningApiKeysRepository {
  constructor(private readonly transactions: TransactionHost) {}

  async insert(companyId: string, key: NewApiKey): Promise<ProvisioningApiKey> {
    const { rows } = await this.transactions.write<ApiKeyRow>(
      `INSERT INTO provisioning_api_keys (company_id, integration_id, name, scope, key_hash, key_prefix, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${KEY_COLUMNS}`,
      [companyId, key.integrationId, key.name, key.scope, key.hash, key.prefix, key.createdBy],
    );
    return toApiKey(rows[0]);
  }

  /** One page of the company's keys, revoked ones included, in id order. */
  async list(companyId: string, afterId: string | undefined, limit: number): Promise<ProvisioningApiKey[]> {
    const rows = await this.transactions.rows<ApiKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM provisioning_api_keys
        WHERE company_id = $1 AND ($2::uuid IS NULL OR id > $2)
        ORDER BY id LIMIT $3`,
      [companyId, afterId ?? null, limit],
    );
    return rows.map(toApiKey);
  }

  /** The key, row-locked until the transaction ends. */
  async lock(companyId: string, keyId: string): Promise<ProvisioningApiKey | null> {
    const row = await this.transactions.first<ApiKeyRow>(
      `SELECT ${KEY_COLUMNS} FROM provisioning_api_keys WHERE company_id = $1 AND id = $2 FOR UPDATE`,
      [companyId, keyId],
    );
    return row && toApiKey(row);
  }

  async revoke(companyId: string, keyId: string): Promise<ProvisioningApiKey> {
    const { rows } = await this.transactions.write<ApiKeyRow>(
      `UPDATE provisioning_api_keys SET revoked_at = now() WHERE company_id = $1 AND id = $2 RETURNING ${KEY_COLUMNS}`,
      [companyId, keyId],
    );
    return toApiKey(rows[0]);
  }

  /** The key with its hash, for a constant-time check; as system work, since no request scope is entered yet. */
  async findWithHash(companyId: string, keyId: string): Promise<(ProvisioningApiKey & { keyHash: Buffer }) | null> {
    const row = await CompanyScopes.runAsSystem(() =>
      this.transactions.first<ApiKeyRow & { key_hash: Buffer }>(
        `SELECT ${KEY_COLUMNS}, key_hash FROM provisioning_api_keys WHERE company_id = $1 AND id = $2`,
        [companyId, keyId],
      ),
    );
    return row && Object.assign(toApiKey(row), { keyHash: row.key_hash });
  }

  /** Background write, outside any request's transaction; never moves the time backwards across instances. */
  async recordLastUse(companyId: string, keyId: string, at: Date): Promise<void> {
    await this.transactions.detached(() =>
      this.transactions.write(
        `UPDATE provisioning_api_keys SET last_used_at = $3
          WHERE company_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < $3)`,
        [companyId, keyId, at],
      ),
    );
  }
}

function toApiKey(row: ApiKeyRow): ProvisioningApiKey {
  return Object.assign(new ProvisioningApiKey(), {
    companyId: row.company_id,
    id: row.id,
    integrationId: row.integration_id,
    name: row.name,
    scope: row.scope,
    keyPrefix: row.key_prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  });
}
