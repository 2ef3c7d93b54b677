import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { hasSecretShape, hashSecret, issueSecret, SecretKind, secretMatchesHash } from '../common/crypto/secret-token';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { CompanyPoliciesService } from '../companies/company-policies.service';
import { AppConfiguration } from '../config/configuration';
import { TransactionHost } from '../database/transaction-host';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../common/auth/directory-provider';
import { PROVIDER_CATALOG } from './directory-provider-catalog';
import { DirectoryIntegrationsRepository, IntegrationSummary } from './directory-integrations.repository';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { TokenRetirement } from './entities/retired-provisioning-token.entity';
import { ProvisioningTokenCache } from './provisioning-token.cache';
import { ScimPrincipal } from '../common/auth/scim-principal';
import { IntegrationFailures } from './sync-log.repository';
import { SyncLogService } from './sync-log.service';

export const MASTER_PASSWORD_RESET_WARNING =
  'No super admin of this company holds the policy "Permit super admins to reset master passwords". ' +
  'A provisioned user who forgets their master password cannot then be recovered. ' +
  'Enable the policy for at least one super admin (PUT /api/admin/policies/master-password-reset) before provisioning users.';

export interface DirectoryTab {
  provider: DirectoryProvider;
  summary: IntegrationSummary | null;
  failures: IntegrationFailures | null;
  /** Shown on every tab while the company's setup puts provisioned users at risk. */
  warnings: string[];
}

export interface IssuedProvisioningToken {
  provider: DirectoryProvider;
  integrationId: string;
  token: string;
  tokenPrefix: string;
  warnings: string[];
}

type TokenAction = 'provisioning_token.created' | 'provisioning_token.reset' | 'provisioning_token.revoked';

/** Provider tabs and the lifecycle of their provisioning tokens. Any admin of the company may manage them. */
@Injectable()
export class DirectoryIntegrationsService {
  readonly scimBaseUrl: string;

  constructor(
    private readonly integrations: DirectoryIntegrationsRepository,
    private readonly syncLog: SyncLogService,
    private readonly policies: CompanyPoliciesService,
    private readonly auditLog: AuditLogRepository,
    private readonly transactions: TransactionHost,
    private readonly tokenCache: ProvisioningTokenCache,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.scimBaseUrl = `${config.get('http', { infer: true }).publicBaseUrl}/${SCIM_BASE_PATH}`;
  }

  /** Resolves a provisioning token to its integration, or null for an unknown, revoked or replaced one. */
  async authenticate(token: string): Promise<ScimPrincipal | null> {
    if (!hasSecretShape(SecretKind.ProvisioningToken, token)) return null;
    const hash = hashSecret(token);
    const owner = await this.tokenCache.lookup(hash, () => this.integrations.findTokenOwner(hash));
    if (!owner || !secretMatchesHash(token, owner.tokenHash)) return null;
    return { companyId: owner.companyId, integrationId: owner.integrationId, provider: owner.provider };
  }

  /** Why a token that authenticate() refused is not valid, when it was one of ours: reset or revoked, and when. */
  async retirementOf(token: string): Promise<{ reason: TokenRetirement; retiredAt: Date } | null> {
    if (!hasSecretShape(SecretKind.ProvisioningToken, token)) return null;
    const retired = await this.integrations.findRetiredToken(hashSecret(token));
    return retired && { reason: retired.reason, retiredAt: retired.retiredAt };
  }

  /** Every provider's tab, in catalogue order; providers never used have no integration row yet. */
  async listTabs(actor: AdminPrincipal): Promise<DirectoryTab[]> {
    const summaries = await this.integrations.listSummaries(actor.companyId);
    const failures = await this.syncLog.failuresByIntegration(actor.companyId);
    const warnings = await this.warnings(actor.companyId);
    return ALL_DIRECTORY_PROVIDERS.map((provider) => {
      const summary = summaries.find((candidate) => candidate.integration.provider === provider) ?? null;
      return {
        provider,
        summary,
        failures: failures.find((candidate) => candidate.integrationId === summary?.integration.id) ?? null,
        warnings,
      };
    });
  }

  async getTab(actor: AdminPrincipal, provider: DirectoryProvider): Promise<DirectoryTab> {
    const tabs = await this.listTabs(actor);
    return tabs.find((tab) => tab.provider === provider)!;
  }

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
      const integration = await this.integrations.lockByProvider(actor.companyId, provider);
      if (!integration?.tokenPrefix) {
        throw DomainException.notFound(`Provisioning token of ${PROVIDER_CATALOG[provider].displayName}`);
      }
      await this.integrations.retireCurrentToken(actor.companyId, integration.id, 'revoked');
      await this.integrations.clearToken(actor.companyId, integration.id);
      await this.integrations.announceTokenChange(integration.id);
      await this.audit(actor, 'provisioning_token.revoked', integration, { tokenPrefix: integration.tokenPrefix });
    });
    this.tokenCache.invalidate();
  }

  private async issueToken(
    actor: AdminPrincipal,
    provider: DirectoryProvider,
    action: 'provisioning_token.created' | 'provisioning_token.reset',
  ): Promise<IssuedProvisioningToken> {
    const issued = await this.transactions.run(async () => {
      await this.integrations.ensure(actor.companyId, provider);
      // The row lock orders concurrent creates and resets: each sees the token the previous one set.
      const integration = (await this.integrations.lockByProvider(actor.companyId, provider))!;
      if (action === 'provisioning_token.created' && integration.tokenPrefix) {
        throw new DomainException(
          DomainErrorCode.AlreadyExists,
          `${PROVIDER_CATALOG[provider].displayName} already has a provisioning token (${integration.tokenPrefix}…); reset it to get a new one`,
        );
      }
      const secret = issueSecret(SecretKind.ProvisioningToken);
      await this.integrations.retireCurrentToken(actor.companyId, integration.id, 'replaced');
      await this.integrations.setToken(actor.companyId, integration.id, {
        hash: secret.hash,
        prefix: secret.displayPrefix,
        createdBy: actor.adminId,
      });
      await this.integrations.announceTokenChange(integration.id);
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

  private async warnings(companyId: string): Promise<string[]> {
    return (await this.policies.isMasterPasswordResetCovered(companyId)) ? [] : [MASTER_PASSWORD_RESET_WARNING];
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

  /**
   * Retention: a retired token's hash lets SCIM say when the token was replaced; it is kept as long as the
   * sync log keeps entries, where the admin can see the same story.
   */
  async purgeRetiredTokens(days: number, limit: number): Promise<number> {
    return this.integrations.deleteRetiredTokensOlderThan(days, limit);
  }
}
