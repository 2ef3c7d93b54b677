import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { Admin } from '../companies/entities/admin.entity';
import { TransactionHost } from '../database/transaction-host';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { RetiredProvisioningToken, TokenRetirement } from './entities/retired-provisioning-token.entity';

export interface IntegrationSummary {
  integration: DirectoryIntegration;
  tokenCreatedByEmail: string | null;
  users: number;
  groups: number;
}

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

@Injectable()
export class DirectoryIntegrationsRepository {
  constructor(
    private readonly transactions: TransactionHost,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Creates the (company, provider) integration unless it exists; safe under concurrent first use. */
  async ensure(companyId: string, provider: DirectoryProvider): Promise<void> {
    await this.transactions.manager
      .createQueryBuilder()
      .insert()
      .into(DirectoryIntegration)
      .values({ companyId, provider })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /** The integration, row-locked until the enclosing transaction ends. */
  async lockByProvider(companyId: string, provider: DirectoryProvider): Promise<DirectoryIntegration | null> {
    return this.transactions.manager
      .createQueryBuilder(DirectoryIntegration, 'integration')
      .where('integration.company_id = :companyId', { companyId })
      .andWhere('integration.provider = :provider', { provider })
      .setLock('pessimistic_write')
      .getOne();
  }

  async findIdByProvider(companyId: string, provider: DirectoryProvider): Promise<string | null> {
    const found = await this.transactions.manager.findOne(DirectoryIntegration, {
      select: { id: true },
      where: { companyId, provider },
    });
    return found?.id ?? null;
  }

  /** Replaces the token hash in one UPDATE: the old token stops matching as this commits. */
  async setToken(companyId: string, integrationId: string, token: NewToken): Promise<void> {
    await this.transactions.manager.update(
      DirectoryIntegration,
      { companyId, id: integrationId },
      { tokenHash: token.hash, tokenPrefix: token.prefix, tokenCreatedAt: () => 'now()', tokenCreatedBy: token.createdBy },
    );
  }

  /** Keeps the hash of the integration's current token (if any) before a reset or revocation replaces it. */
  async retireCurrentToken(companyId: string, integrationId: string, reason: TokenRetirement): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO retired_provisioning_tokens (company_id, token_hash, integration_id, token_prefix, reason)
       SELECT company_id, token_hash, id, token_prefix, $3 FROM directory_integrations
        WHERE company_id = $1 AND id = $2 AND token_hash IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [companyId, integrationId, reason],
    );
  }

  /** A retired token by its hash, in any company: only a refused SCIM request asks, to say why. */
  async findRetiredToken(tokenHash: Buffer): Promise<RetiredProvisioningToken | null> {
    return CompanyScopes.runAsSystem(() => this.transactions.manager.findOne(RetiredProvisioningToken, { where: { tokenHash } }));
  }

  async clearToken(companyId: string, integrationId: string): Promise<void> {
    await this.transactions.manager.update(
      DirectoryIntegration,
      { companyId, id: integrationId },
      { tokenHash: null, tokenPrefix: null, tokenCreatedAt: null, tokenCreatedBy: null },
    );
  }

  /**
   * The hot path of every SCIM request: one lookup on the unique token-hash index. The company is not
   * known yet, so this goes through a function that reads past the row-level security policies, in the
   * scope the connection is already in.
   */
  async findTokenOwner(tokenHash: Buffer): Promise<TokenOwner | null> {
    const rows: { owner_company_id: string; owner_integration_id: string; owner_provider: DirectoryProvider; owner_token_hash: Buffer }[] =
      await CompanyScopes.runInAnyScope(() =>
        this.transactions.manager.query('SELECT * FROM find_provisioning_token_owner($1)', [tokenHash]),
      );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      companyId: row.owner_company_id,
      integrationId: row.owner_integration_id,
      provider: row.owner_provider,
      tokenHash: row.owner_token_hash,
    };
  }

  /** Tells every instance's token cache, when the enclosing transaction commits, that a token changed. */
  async announceTokenChange(integrationId: string): Promise<void> {
    await this.transactions.manager.query('SELECT pg_notify($1, $2)', [TOKEN_CHANGES_CHANNEL, integrationId]);
  }

  /** The company's integrations with the users and groups each provisioned (deleted users excluded). */
  async listSummaries(companyId: string): Promise<IntegrationSummary[]> {
    const manager = this.transactions.manager;
    const { entities, raw } = await manager
      .createQueryBuilder(DirectoryIntegration, 'integration')
      .leftJoin(Admin, 'creator', 'creator.company_id = integration.company_id AND creator.id = integration.token_created_by')
      .addSelect('creator.email', 'creator_email')
      .where('integration.company_id = :companyId', { companyId })
      .getRawAndEntities<{ integration_id: string; creator_email: string | null }>();
    const users = await this.countByIntegration('user_accounts', companyId, `AND "state" <> 'deleted'`);
    const groups = await this.countByIntegration('groups', companyId, '');
    return entities.map((integration) => ({
      integration,
      tokenCreatedByEmail: raw.find((row) => row.integration_id === integration.id)?.creator_email ?? null,
      users: users.get(integration.id) ?? 0,
      groups: groups.get(integration.id) ?? 0,
    }));
  }

  private async countByIntegration(table: 'user_accounts' | 'groups', companyId: string, condition: string): Promise<Map<string, number>> {
    const rows: { integration_id: string; count: string }[] = await this.transactions.manager.query(
      `SELECT "integration_id", count(*) AS "count" FROM "${table}"
       WHERE "company_id" = $1 AND "integration_id" IS NOT NULL ${condition}
       GROUP BY "integration_id"`,
      [companyId],
    );
    return new Map(rows.map((row) => [row.integration_id, Number(row.count)]));
  }

  /**
   * Background write, detached from any request: it goes straight to the pool so it can never
   * join (or wait inside) a request's transaction. Never moves the time backwards across instances.
   */
  async recordLastSync(companyId: string, integrationId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "directory_integrations" SET "last_sync_at" = $3
       WHERE "company_id" = $1 AND "id" = $2 AND ("last_sync_at" IS NULL OR "last_sync_at" < $3)`,
      [companyId, integrationId, at],
    );
  }

  /** Retention: forgets up to `limit` hashes of tokens, of every company, retired more than `days` days ago. */
  async deleteRetiredTokensOlderThan(days: number, limit: number): Promise<number> {
    const [, deleted]: [unknown[], number] = await this.transactions.manager.query(
      `DELETE FROM retired_provisioning_tokens
        WHERE (company_id, token_hash) IN (
          SELECT company_id, token_hash FROM retired_provisioning_tokens
           WHERE retired_at < now() - make_interval(days => $1) ORDER BY retired_at LIMIT $2)`,
      [days, limit],
    );
    return deleted;
  }
}
