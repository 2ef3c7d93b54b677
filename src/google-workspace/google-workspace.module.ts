import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { DirectorySyncModule } from '../directory-sync/directory-sync.module';
import { AdminGoogleWorkspaceController } from './admin-google-workspace.controller';
import { GoogleConnectionTester } from './google-connection.tester';
import { GoogleDirectoryClient } from './google-directory.client';
import { GoogleWorkspaceConnectionsRepository } from './google-workspace-connections.repository';
import { GoogleWorkspaceRunsRepository } from './google-workspace-runs.repository';
import { GoogleWorkspaceScheduler } from './google-workspace.scheduler';
import { GoogleWorkspaceService } from './google-workspace.service';
import { GoogleWorkspaceSyncRunner } from './google-workspace-sync.runner';
import { ServiceAccountKeyCipher } from './service-account-key.cipher';
import { ServiceAccountKeyReader } from './service-account-key.reader';

/** The Google Workspace tab: pulls users and groups from Google's Directory API and applies them as directory snapshots. */
@Module({
  imports: [AuditModule, DirectoryIntegrationsModule, DirectorySyncModule],
  controllers: [AdminGoogleWorkspaceController],
  providers: [
    GoogleWorkspaceConnectionsRepository,
    GoogleWorkspaceRunsRepository,
    ServiceAccountKeyCipher,
    ServiceAccountKeyReader,
    GoogleDirectoryClient,
    GoogleConnectionTester,
    GoogleWorkspaceSyncRunner,
    GoogleWorkspaceScheduler,
    GoogleWorkspaceService,
  ],
})
export class GoogleWorkspaceModule {}
