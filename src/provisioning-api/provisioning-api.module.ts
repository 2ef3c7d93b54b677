import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { GroupsModule } from '../groups/groups.module';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { DirectorySyncModule } from '../directory-sync/directory-sync.module';
import { AdminProvisioningApiKeysController } from './api-keys/admin-provisioning-api-keys.controller';
import { ProvisioningApiKeysRepository } from './api-keys/provisioning-api-keys.repository';
import { ProvisioningApiKeysService } from './api-keys/provisioning-api-keys.service';
import { ApiKeyLastUseTracker } from './authentication/api-key-last-use.tracker';
import { ProvisioningApiKeyStrategy } from './authentication/provisioning-api-key.strategy';
import { ProvisioningSnapshotsController } from './snapshots/provisioning-snapshots.controller';
import { ProvisioningUsersController } from './users/provisioning-users.controller';
import { ProvisioningGroupsController } from './groups/provisioning-groups.controller';
import { IdempotencyRecordsRepository } from './idempotency/idempotency-records.repository';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyRetentionService } from './idempotency/idempotency-retention.service';
import { BatchUpsertUsersCommand } from './users/batch-upsert-users.command';
import { ProvisioningSyncLogInterceptor } from './sync-log/provisioning-sync-log.interceptor';
import { SnapshotStepsSyncLogInterceptor } from '../directory-sync/snapshot-steps-sync-log.interceptor';

/**
 * The Provisioning API: REST under /api/v1 for companies' own scripts, authenticated with the company API keys of
 * the provisioning-api tab. Every change goes through AccountsService and GroupsService with this API's source.
 */
@Module({
  imports: [PassportModule, AuditModule, CredentialsModule, DirectoryIntegrationsModule, AccountsModule, GroupsModule, DirectorySyncModule],
  controllers: [
    AdminProvisioningApiKeysController,
    ProvisioningUsersController,
    ProvisioningGroupsController,
    ProvisioningSnapshotsController,
  ],
  providers: [
    ProvisioningApiKeysRepository,
    ProvisioningApiKeysService,
    ApiKeyLastUseTracker,
    ProvisioningApiKeyStrategy,
    IdempotencyRecordsRepository,
    IdempotencyInterceptor,
    BatchUpsertUsersCommand,
    IdempotencyRetentionService,
    ProvisioningSyncLogInterceptor,
    SnapshotStepsSyncLogInterceptor,
  ],
  exports: [IdempotencyRetentionService],
})
export class ProvisioningApiModule {}
