import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { GroupsModule } from '../groups/groups.module';
import { AdminDirectorySyncController } from './admin-directory-sync.controller';
import { DirectorySnapshotsRepository } from './directory-snapshots.repository';
import { DirectorySnapshotsService } from './directory-snapshots.service';
import { DirectorySyncSettingsRepository } from './directory-sync-settings.repository';
import { DirectorySyncSettingsService } from './directory-sync-settings.service';
import { SnapshotApplier } from './snapshot-applier';
import { SnapshotDecisionSyncLogInterceptor } from './snapshot-decision-sync-log.interceptor';
import { SnapshotChangesRepository } from './snapshot-changes.repository';
import { SnapshotPlanner } from './snapshot-planner';
import { SnapshotStagingRepository } from './snapshot-staging.repository';

/** Directory snapshots reconciled against what their source manages, through the accounts and groups services. */
@Module({
  imports: [AccountsModule, GroupsModule, AuditModule, DirectoryIntegrationsModule],
  controllers: [AdminDirectorySyncController],
  providers: [
    DirectorySnapshotsRepository,
    SnapshotStagingRepository,
    SnapshotChangesRepository,
    DirectorySyncSettingsRepository,
    DirectorySyncSettingsService,
    SnapshotPlanner,
    SnapshotApplier,
    SnapshotDecisionSyncLogInterceptor,
    DirectorySnapshotsService,
  ],
  exports: [DirectorySnapshotsService, DirectorySyncSettingsService],
})
export class DirectorySyncModule {}
