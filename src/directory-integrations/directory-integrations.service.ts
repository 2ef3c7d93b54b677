import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../common/auth/directory-provider';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';
import { AdminsService } from '../companies/admins.service';
import { AppConfiguration } from '../config/configuration';
import { DirectoryIntegrationsRepository } from './directory-integrations.repository';
import { DirectoryIntegration } from './entities/directory-integration.entity';
import { ProvisionedResourceCounter } from './provisioned-resource.counter';
import { ProvisioningTokensService } from './provisioning-tokens/provisioning-tokens.service';
import { IntegrationFailures } from './sync-log/sync-log.repository';
import { SyncLogService } from './sync-log/sync-log.service';

export interface IntegrationSummary {
  integration: DirectoryIntegration;
  tokenCreatedByEmail: string | null;
  users: number;
  groups: number;
}

export interface DirectoryTab {
  provider: DirectoryProvider;
  summary: IntegrationSummary | null;
  failures: IntegrationFailures | null;
  /** Writes skipped because another source manages the resource. */
  conflicts: IntegrationFailures | null;
  /** Shown on every tab while the company's setup puts provisioned users at risk. */
  warnings: string[];
}

/** The provider tabs of the console's Directory integrations page. Any admin of the company. */
@Injectable()
export class DirectoryIntegrationsService {
  readonly scimBaseUrl: string;
  readonly apiBaseUrl: string;

  constructor(
    private readonly integrations: DirectoryIntegrationsRepository,
    private readonly tokens: ProvisioningTokensService,
    private readonly syncLog: SyncLogService,
    private readonly admins: AdminsService,
    private readonly moduleRef: ModuleRef,
    config: ConfigService<AppConfiguration, true>,
  ) {
    const { publicBaseUrl } = config.get('http', { infer: true });
    this.scimBaseUrl = `${publicBaseUrl}/${SCIM_BASE_PATH}`;
    this.apiBaseUrl = `${publicBaseUrl}/api/v1`;
  }

  /** Every provider's tab, in catalogue order; providers never used have no integration row yet. */
  async listTabs(actor: AdminPrincipal): Promise<DirectoryTab[]> {
    const summaries = await this.summaries(actor.companyId);
    const failures = await this.syncLog.failuresByIntegration(actor.companyId);
    const conflicts = await this.syncLog.conflictsByIntegration(actor.companyId);
    const warnings = await this.tokens.warnings(actor.companyId);
    return ALL_DIRECTORY_PROVIDERS.map((provider) => {
      const summary = summaries.find((candidate) => candidate.integration.provider === provider) ?? null;
      return {
        provider,
        summary,
        failures: failures.find((candidate) => candidate.integrationId === summary?.integration.id) ?? null,
        conflicts: conflicts.find((candidate) => candidate.integrationId === summary?.integration.id) ?? null,
        warnings,
      };
    });
  }

  async getTab(actor: AdminPrincipal, provider: DirectoryProvider): Promise<DirectoryTab> {
    const tabs = await this.listTabs(actor);
    return tabs.find((tab) => tab.provider === provider)!;
  }

  /**
   * The company's integration of `provider`, created on first use (safe under concurrent first use): the tab that
   * a source's users and groups are managed by.
   */
  async ensureIntegration(companyId: string, provider: DirectoryProvider): Promise<DirectoryIntegration> {
    return this.integrations.ensureLocked(companyId, provider);
  }

  /** The company's integrations with who created each token and what each provisioned (deleted users excluded). */
  private async summaries(companyId: string): Promise<IntegrationSummary[]> {
    const integrations = await this.integrations.listForCompany(companyId);
    const creators = integrations.flatMap((integration) => (integration.tokenCreatedBy ? [integration.tokenCreatedBy] : []));
    const emails = await this.admins.emailsOf(companyId, [...new Set(creators)]);
    const counts = await this.moduleRef.get(ProvisionedResourceCounter, { strict: false }).countByIntegration(companyId);
    return integrations.map((integration) => ({
      integration,
      tokenCreatedByEmail: (integration.tokenCreatedBy && emails.get(integration.tokenCreatedBy)) ?? null,
      users: counts.users.get(integration.id) ?? 0,
      groups: counts.groups.get(integration.id) ?? 0,
    }));
  }
}
