import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CompaniesModule } from '../companies/companies.module';
import { GroupsModule } from '../groups/groups.module';
import { DirectoryIntegrationsController } from './directory-integrations.controller';
import { DirectoryIntegrationsRepository } from './directory-integrations.repository';
import { DirectoryIntegrationsService } from './directory-integrations.service';
import { LastSyncTracker } from './last-sync.tracker';
import { ProvisioningTokenChangeListener } from './provisioning-token-change.listener';
import { ProvisioningTokenCache } from './provisioning-token.cache';
import { ScimTokenStrategy } from './scim-token.strategy';
import { SyncLogController } from './sync-log.controller';
import { SyncLogRecorder } from './sync-log.recorder';
import { SyncLogRepository } from './sync-log.repository';
import { SyncLogService } from './sync-log.service';

@Module({
  imports: [PassportModule, AccountsModule, AuditModule, CompaniesModule, GroupsModule],
  controllers: [DirectoryIntegrationsController, SyncLogController],
  providers: [
    DirectoryIntegrationsRepository,
    DirectoryIntegrationsService,
    LastSyncTracker,
    ProvisioningTokenCache,
    ProvisioningTokenChangeListener,
    ScimTokenStrategy,
    SyncLogRepository,
    SyncLogRecorder,
    SyncLogService,
  ],
  exports: [DirectoryIntegrationsService, SyncLogService, SyncLogRecorder],
})
export class DirectoryIntegrationsModule {}
