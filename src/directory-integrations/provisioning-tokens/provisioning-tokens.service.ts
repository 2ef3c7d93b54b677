import { Injectable } from '@nestjs/common';
import { AuditLogService } from '../../audit/audit-log.service';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { DirectoryProvider, tokenKindOf } from '../../common/auth/directory-provider';
import { issueSecret } from '../../common/crypto/secret-token';
import { DomainErrorCode, DomainException } from '../../common/errors/domain.exception';
import { CompanyPoliciesService } from '../../companies/company-policies.service';
import { CredentialKind } from '../../credentials/credential-kind';
import { CredentialLookupsService } from '../../credentials/credential-lookups.service';
import { TransactionHost } from '../../database/transaction-host';
import { PROVIDER_CATALOG } from '../directory-provider-catalog';
import { DirectoryIntegration } from '../entities/directory-integration.entity';
import { ProvisioningTokenCache } from './provisioning-token.cache';
import { ProvisioningTokensRepository } from './provisioning-tokens.repository';

export const MASTER_PASSWORD_RESET_WARNING =
  'No super admin of this company holds the policy "Permit super admins to reset master passwords". ' +
  'A provisioned user who forgets their master password cannot then be recovered. ' +
  'Enable the policy for at least one super admin (PUT /api/admin/policies/master-password-reset) before provisioning users.';

export interface IssuedProvisioningToken {
  provider: DirectoryProvider;
  integrationId: string;
  token: string;
  tokenPrefix: string;
  warnings: string[];
}

type TokenAction = 'provisioning_token.created' | 'provisioning_token.reset' | 'provisioning_token.revoked';

/**
 * The lifecycle of the tabs' tokens (SCIM provisioning tokens, and the Active Directory tab's connector token, under
 * the same rules): create, reset, revoke, each audited. Any admin of the company.
 */
@Injectable()
export class ProvisioningTokensService {
  constructor(
    private readonly tokens: ProvisioningTokensRepository,
    private readonly policies: CompanyPoliciesService,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly tokenCache: ProvisioningTokenCache,
    private readonly credentials: CredentialLookupsService,
  ) {}

  /** 409 when the integration already has a token: the console then offers a reset. */
  async createToken(actor: AdminPrincipal, provider: DirectoryProvider): Promise<IssuedProvisioningToken> {
    return this.issueToken(actor, provider, 'provisioning_token.created');
  }

  /** Replaces the token (or creates the first one); the old token stops working as the transaction commits. */
  async resetToken(actor: AdminPrincipal, provider: DirectoryProvider): Promise<IssuedProvisioningToken> {
    return this.issueToken(actor, provider, 'provisioning_token.reset');
  }

  async revokeToken(actor: AdminPrincipal, provider: DirectoryProvider): Promise<void> {
    await this.transactions.run(async () => {
      const integration = await this.tokens.lockIntegration(actor.companyId, provider);
      if (!integration?.tokenPrefix) {
        throw DomainException.notFound(`Provisioning token of ${PROVIDER_CATALOG[provider].displayName}`);
      }
      await this.tokens.retireCurrentToken(actor.companyId, integration.id, 'revoked');
      await this.tokens.clearToken(actor.companyId, integration.id);
      await this.tokens.announceTokenChange(integration.id);
      await this.audit(actor, 'provisioning_token.revoked', integration, { tokenPrefix: integration.tokenPrefix });
    });
    this.tokenCache.invalidate();
  }

  /** Shown on every tab, and with a new token, while the company's setup puts provisioned users at risk. */
  async warnings(companyId: string): Promise<string[]> {
    return (await this.policies.isMasterPasswordResetCovered(companyId)) ? [] : [MASTER_PASSWORD_RESET_WARNING];
  }

  /**
   * Retention: a retired token's hash lets SCIM say when the token was replaced; it is kept as long as the
   * sync log keeps entries, where the admin can see the same story.
   */
  async purgeRetiredTokens(days: number, limit: number): Promise<number> {
    return this.transactions.run(async () => {
      const hashes = await this.tokens.deleteRetiredOlderThan(days, limit);
      await this.credentials.forget(CredentialKind.IntegrationToken, hashes);
      return hashes.length;
    });
  }

  private async issueToken(
    actor: AdminPrincipal,
    provider: DirectoryProvider,
    action: 'provisioning_token.created' | 'provisioning_token.reset',
  ): Promise<IssuedProvisioningToken> {
    const kind = tokenKindOf(provider);
    if (!kind) {
      throw new DomainException(
        DomainErrorCode.InvalidInput,
        `The ${PROVIDER_CATALOG[provider].displayName} tab takes API keys, not a SCIM provisioning token: ` +
          `create one with POST /api/admin/directory-integrations/${provider}/keys`,
      );
    }
    const issued = await this.transactions.run(async () => {
      await this.tokens.ensureIntegration(actor.companyId, provider);
      // The row lock orders concurrent creates and resets: each sees the token the previous one set.
      const integration = (await this.tokens.lockIntegration(actor.companyId, provider))!;
      if (action === 'provisioning_token.created' && integration.tokenPrefix) {
        throw new DomainException(
          DomainErrorCode.AlreadyExists,
          `${PROVIDER_CATALOG[provider].displayName} already has a provisioning token (${integration.tokenPrefix}…); reset it to get a new one`,
        );
      }
      const secret = issueSecret(kind);
      await this.tokens.retireCurrentToken(actor.companyId, integration.id, 'replaced');
      await this.tokens.setToken(actor.companyId, integration.id, {
        hash: secret.hash,
        prefix: secret.displayPrefix,
        createdBy: actor.adminId,
      });
      await this.credentials.register(CredentialKind.IntegrationToken, secret.hash, {
        companyId: actor.companyId,
        ownerId: integration.id,
      });
      await this.tokens.announceTokenChange(integration.id);
      await this.audit(actor, action, integration, {
        tokenPrefix: secret.displayPrefix,
        ...(action === 'provisioning_token.reset' ? { replacedTokenPrefix: integration.tokenPrefix } : {}),
      });
      return { integrationId: integration.id, token: secret.secret, tokenPrefix: secret.displayPrefix };
    });
    // After the commit: a lookup that read the old token meanwhile is then not remembered either.
    this.tokenCache.invalidate();
    return { provider, ...issued, warnings: await this.warnings(actor.companyId) };
  }

  private async audit(
    actor: AdminPrincipal,
    action: TokenAction,
    integration: DirectoryIntegration,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.auditLog.append(actor.companyId, {
      actorType: 'admin',
      actorId: actor.adminId,
      actorEmail: actor.email,
      action,
      targetType: 'directory_integration',
      targetId: integration.id,
      details: { provider: integration.provider, ...details },
    });
  }
}
