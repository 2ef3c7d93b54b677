import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { CompaniesModule } from '../companies/companies.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { DirectoryIntegrationsController } from './directory-integrations.controller';
import { DirectoryIntegrationsRepository } from './directory-integrations.repository';
import { DirectoryIntegrationsService } from './directory-integrations.service';
import { DirectoryOwnershipService } from './ownership/directory-ownership.service';
import { LastSyncRepository } from './last-sync/last-sync.repository';
import { LastSyncTracker } from './last-sync/last-sync.tracker';
import { ProvisioningTokenChangeListener } from './provisioning-tokens/provisioning-token-change.listener';
import { ProvisioningTokenCache } from './provisioning-tokens/provisioning-token.cache';
import { ProvisioningTokensRepository } from './provisioning-tokens/provisioning-tokens.repository';
import { ProvisioningTokensService } from './provisioning-tokens/provisioning-tokens.service';
import { IntegrationTokenAuthenticator } from './provisioning-tokens/integration-token.authenticator';
import { ScimTokenStrategy } from './scim-authentication/scim-token.strategy';
import { SyncLogController } from './sync-log/sync-log.controller';
import { SyncLogRecorder } from './sync-log/sync-log.recorder';
import { SyncLogRepository } from './sync-log/sync-log.repository';
import { SyncLogService } from './sync-log/sync-log.service';

/**
 * The Directory integrations page and what stands behind it, one folder per job: provisioning tokens, SCIM
 * authentication (token to principal), the sync log, the last sync time; the tabs themselves at the top.
 */
@Module({
  imports: [PassportModule, AuditModule, CompaniesModule, CredentialsModule],
  controllers: [DirectoryIntegrationsController, SyncLogController],
  providers: [
    DirectoryIntegrationsRepository,
    DirectoryIntegrationsService,
    DirectoryOwnershipService,
    ProvisioningTokensRepository,
    ProvisioningTokensService,
    ProvisioningTokenCache,
    ProvisioningTokenChangeListener,
    IntegrationTokenAuthenticator,
    ScimTokenStrategy,
    LastSyncRepository,
    LastSyncTracker,
    SyncLogRepository,
    SyncLogRecorder,
    SyncLogService,
  ],
  exports: [
    DirectoryIntegrationsService,
    DirectoryOwnershipService,
    ProvisioningTokensService,
    SyncLogService,
    SyncLogRecorder,
    LastSyncTracker,
    IntegrationTokenAuthenticator,
  ],
})
export class DirectoryIntegrationsModule {}
