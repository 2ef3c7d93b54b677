import { Injectable } from '@nestjs/common';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { TransactionHost } from '../../database/transaction-host';
import { DirectoryIntegration } from '../entities/directory-integration.entity';
import { TokenRetirement } from '../entities/retired-provisioning-token.entity';
import { INTEGRATION_COLUMNS, IntegrationRow, toDirectoryIntegration } from '../integration-row';

/** Notified by the transaction that creates, resets or revokes a token; delivered when it commits. */
export const TOKEN_CHANGES_CHANNEL = 'provisioning_token_changes';

export interface TokenOwner {
  companyId: string;
  integrationId: string;
  provider: DirectoryProvider;
  tokenHash: Buffer;
}

export interface NewToken {
  hash: Buffer;
  prefix: string;
  createdBy: string;
}

export interface RetiredToken {
  reason: TokenRetirement;
  retiredAt: Date;
}

interface TokenOwnerRow {
  owner_company_id: string;
  owner_integration_id: string;
  owner_provider: DirectoryProvider;
  owner_token_hash: Buffer;
}

/** The provisioning token columns of directory_integrations, and the hashes of retired tokens. */
@Injectable()
export class ProvisioningTokensRepository {
  constructor(private readonly transactions: TransactionHost) {}

  /** Creates the (company, provider) integration unless it exists; safe under concurrent first use. */
  async ensureIntegration(companyId: string, provider: DirectoryProvider): Promise<void> {
    await this.transactions.write('INSERT INTO directory_integrations (company_id, provider) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      companyId,
      provider,
    ]);
  }

  /** The integration, row-locked until the enclosing transaction ends. */
  async lockIntegration(companyId: string, provider: DirectoryProvider): Promise<DirectoryIntegration | null> {
    const row = await this.transactions.first<IntegrationRow>(
      `SELECT ${INTEGRATION_COLUMNS} FROM directory_integrations WHERE company_id = $1 AND provider = $2 FOR UPDATE`,
      [companyId, provider],
    );
    return row && toDirectoryIntegration(row);
  }

  /** Replaces the token hash in one UPDATE: the old token stops matching as this commits. */
  async setToken(companyId: string, integrationId: string, token: NewToken): Promise<void> {
    await this.transactions.write(
      `UPDATE directory_integrations
          SET token_hash = $3, token_prefix = $4, token_created_at = now(), token_created_by = $5
        WHERE company_id = $1 AND id = $2`,
      [companyId, integrationId, token.hash, token.prefix, token.createdBy],
    );
  }

  async clearToken(companyId: string, integrationId: string): Promise<void> {
    await this.transactions.write(
      `UPDATE directory_integrations
          SET token_hash = NULL, token_prefix = NULL, token_created_at = NULL, token_created_by = NULL
        WHERE company_id = $1 AND id = $2`,
      [companyId, integrationId],
    );
  }

  /** Keeps the hash of the integration's current token (if any) before a reset or revocation replaces it. */
  async retireCurrentToken(companyId: string, integrationId: string, reason: TokenRetirement): Promise<void> {
    await this.transactions.write(
      `INSERT INTO retired_provisioning_tokens (company_id, token_hash, integration_id, token_prefix, reason)
       SELECT company_id, token_hash, id, token_prefix, $3 FROM directory_integrations
        WHERE company_id = $1 AND id = $2 AND token_hash IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [companyId, integrationId, reason],
    );
  }

  /** A retired token of the company, by its hash: only a refused request asks, to say why. */
  async findRetiredToken(companyId: string, tokenHash: Buffer): Promise<RetiredToken | null> {
    const row = await CompanyScopes.runAsSystem(() =>
      this.transactions.first<{ reason: TokenRetirement; retired_at: Date }>(
        'SELECT reason, retired_at FROM retired_provisioning_tokens WHERE company_id = $1 AND token_hash = $2',
        [companyId, tokenHash],
      ),
    );
    return row && { reason: row.reason, retiredAt: row.retired_at };
  }

  /**
   * The hot path of every SCIM request, one round trip: a function that reads the credential lookup by hash, then the
   * integration by its key. The company is not known yet, so the function reads past the row-level security policies,
   * in the scope the connection is already in.
   */
  async findTokenOwner(tokenHash: Buffer): Promise<TokenOwner | null> {
    const row = await CompanyScopes.runInAnyScope(() =>
      this.transactions.first<TokenOwnerRow>('SELECT * FROM find_provisioning_token_owner($1)', [tokenHash]),
    );
    return (
      row && {
        companyId: row.owner_company_id,
        integrationId: row.owner_integration_id,
        provider: row.owner_provider,
        tokenHash: row.owner_token_hash,
      }
    );
  }

  /** Tells every instance's token cache, when the enclosing transaction commits, that a token changed. */
  async announceTokenChange(integrationId: string): Promise<void> {
    await this.transactions.rows('SELECT pg_notify($1, $2)', [TOKEN_CHANGES_CHANNEL, integrationId]);
  }

  /** Retention: forgets up to `limit` retired tokens, of every company, retired more than `days` days ago; their hashes. */
  async deleteRetiredOlderThan(days: number, limit: number): Promise<Buffer[]> {
    const { rows } = await this.transactions.write<{ token_hash: Buffer }>(
      `DELETE FROM retired_provisioning_tokens
        WHERE (company_id, token_hash) IN (
          SELECT company_id, token_hash FROM retired_provisioning_tokens
           WHERE retired_at < now() - make_interval(days => $1) ORDER BY retired_at LIMIT $2)
       RETURNING token_hash`,
      [days, limit],
    );
    return rows.map((row) => row.token_hash);
  }
}
