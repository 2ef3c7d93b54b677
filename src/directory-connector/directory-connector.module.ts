import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { DirectorySyncModule } from '../directory-sync/directory-sync.module';
import { AdminDirectoryConnectorController } from './admin-directory-connector.controller';
import { ConnectorTokenStrategy } from './authentication/connector-token.strategy';
import { ConnectorAgentsRepository } from './connector-agents.repository';
import { ConnectorRunsRepository } from './connector-runs.repository';
import { ConnectorRunsController } from './connector-runs.controller';
import { ConnectorSnapshotsController } from './connector-snapshots.controller';
import { DirectoryConnectorService } from './directory-connector.service';

/**
 * The service's side of the Active Directory / LDAP connector: the agent's API under /api/connector/v1 (snapshots
 * through the snapshot engine, settings, run reports) with the tab's connector token, and the tab's view of the agent.
 */
@Module({
  imports: [PassportModule, DirectoryIntegrationsModule, DirectorySyncModule],
  controllers: [ConnectorSnapshotsController, ConnectorRunsController, AdminDirectoryConnectorController],
  providers: [ConnectorAgentsRepository, ConnectorRunsRepository, DirectoryConnectorService, ConnectorTokenStrategy],
})
export class DirectoryConnectorModule {}
