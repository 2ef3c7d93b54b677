import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../../audit/audit-log.service';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { ProvisioningApiScope, ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { hasSecretShape, hashSecret, issueSecret, SecretKind, secretMatchesHash } from '../../common/crypto/secret-token';
import { DomainException } from '../../common/errors/domain.exception';
import { Page, pageOf } from '../../common/pagination/page';
import { CredentialKind } from '../../credentials/credential-kind';
import { CredentialLookupsService } from '../../credentials/credential-lookups.service';
import { TransactionHost } from '../../database/transaction-host';
import { DirectoryIntegrationsService } from '../../directory-integrations/directory-integrations.service';
import { ProvisioningApiKey } from './entities/provisioning-api-key.entity';
import { ProvisioningApiKeysRepository } from './provisioning-api-keys.repository';

export interface IssuedApiKey {
  key: ProvisioningApiKey;
  /** The clear key: in the creating answer only, never stored or logged. */
  secret: string;
}

/** What a presented Provisioning API key turned out to be. */
export type ApiKeyCheck =
  { status: 'valid'; principal: ProvisioningPrincipal } | { status: 'revoked'; revokedAt: Date } | { status: 'unknown' };

/** The company API keys of the provisioning-api tab: create, list, revoke (each audited), and authenticate. Any admin. */
@Injectable()
export class ProvisioningApiKeysService {
  constructor(
    private readonly keys: ProvisioningApiKeysRepository,
    private readonly integrations: DirectoryIntegrationsService,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly credentials: CredentialLookupsService,
  ) {}

  /** A new key; the tab is created on its first key. */
  async createKey(actor: AdminPrincipal, name: string, scope: ProvisioningApiScope): Promise<IssuedApiKey> {
    return this.transactions.run(async () => {
      const integration = await this.integrations.ensureIntegration(actor.companyId, DirectoryProvider.ProvisioningApi);
      const secret = issueSecret(SecretKind.ProvisioningApiKey);
      const key = await this.keys.insert(actor.companyId, {
        integrationId: integration.id,
        name,
        scope,
        hash: secret.hash,
        prefix: secret.displayPrefix,
        createdBy: actor.adminId,
      });
      await this.credentials.register(CredentialKind.ProvisioningApiKey, secret.hash, { companyId: actor.companyId, ownerId: key.id });
      await this.audit(actor, 'provisioning_api_key.created', key);
      return { key, secret: secret.secret };
    });
  }

  async listKeys(actor: AdminPrincipal, page: { cursor?: string; limit: number }): Promise<Page<ProvisioningApiKey>> {
    const rows = await this.keys.list(actor.companyId, page.cursor, page.limit + 1);
    return pageOf(rows, page.limit, (last) => last.id);
  }

  /** From the commit on, the key gets 401. Revoking a revoked key changes nothing. */
  async revokeKey(actor: AdminPrincipal, keyId: string): Promise<ProvisioningApiKey> {
    return this.transactions.run(async () => {
      const key = await this.keys.lock(actor.companyId, keyId);
      if (!key) throw DomainException.notFound(`Provisioning API key ${keyId}`);
      if (key.revokedAt) return key;
      const revoked = await this.keys.revoke(actor.companyId, keyId);
      await this.audit(actor, 'provisioning_api_key.revoked', revoked);
      return revoked;
    });
  }

  async authenticate(presented: string): Promise<ApiKeyCheck> {
    if (!hasSecretShape(SecretKind.ProvisioningApiKey, presented)) return { status: 'unknown' };
    const hash = hashSecret(presented);
    const owner = await this.credentials.find(CredentialKind.ProvisioningApiKey, hash);
    const key = owner && (await this.keys.findWithHash(owner.companyId, owner.ownerId));
    if (!key || !secretMatchesHash(presented, key.keyHash)) return { status: 'unknown' };
    if (key.revokedAt) return { status: 'revoked', revokedAt: key.revokedAt };
    return {
      status: 'valid',
      principal: { companyId: key.companyId, integrationId: key.integrationId, keyId: key.id, scope: key.scope },
    };
  }

  private async audit(actor: AdminPrincipal, action: string, key: ProvisioningApiKey): Promise<void> {
    await this.auditLog.append(actor.companyId, {
      actorType: 'admin',
      actorId: actor.adminId,
      actorEmail: actor.email,
      action,
      targetType: 'provisioning_api_key',
      targetId: key.id,
      details: { name: key.name, scope: key.scope, keyPrefix: key.keyPrefix, integrationId: key.integrationId },
    });
  }
}
