import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { GroupsModule } from '../groups/groups.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { BulkOperationRunner } from './bulk/bulk-operation.runner';
import { ProcessScimBulkCommand } from './bulk/process-scim-bulk.command';
import { ScimBulkController } from './bulk/scim-bulk.controller';
import { DiscoveryController } from './discovery/discovery.controller';
import { CreateScimGroupCommand } from './groups/commands/create-scim-group.command';
import { DeleteScimGroupCommand } from './groups/commands/delete-scim-group.command';
import { PatchScimGroupCommand } from './groups/commands/patch-scim-group.command';
import { ReplaceScimGroupCommand } from './groups/commands/replace-scim-group.command';
import { GetScimGroupQuery } from './groups/queries/get-scim-group.query';
import { ListScimGroupsQuery } from './groups/queries/list-scim-groups.query';
import { ScimGroupPresenter } from './groups/scim-group.presenter';
import { ScimGroupsController } from './groups/scim-groups.controller';
import { SearchScimResourcesQuery } from './root/queries/search-scim-resources.query';
import { ScimRootController } from './root/scim-root.controller';
import { ScimAuthenticationMiddleware } from './routing/scim-authentication.middleware';
import { ScimBodyMiddleware } from './routing/scim-body.middleware';
import { ScimBulkBodyMiddleware } from './routing/scim-bulk-body.middleware';
import { ScimNotFoundController } from './routing/scim-not-found.controller';
import { SCIM_ROUTES } from './scim-routes';
import { ProvisionedResourceCounter } from '../directory-integrations/provisioned-resource.counter';
import { ScimProvisionedResourceCounter } from './provisioned-resources.counter';
import { ManagedResourceTransfer } from '../directory-integrations/ownership/managed-resource.transfer';
import { ScimManagedResourceTransfer } from './managed-resources.transfer';
import { UnmanagedUserAdoption } from '../accounts/unmanaged-user-adoption.port';
import { DirectoryOwnershipService } from '../directory-integrations/ownership/directory-ownership.service';
import { ScimUrls } from './scim-urls';
import { CreateScimUserCommand } from './users/commands/create-scim-user.command';
import { DeleteScimUserCommand } from './users/commands/delete-scim-user.command';
import { PatchScimUserCommand } from './users/commands/patch-scim-user.command';
import { ReplaceScimUserCommand } from './users/commands/replace-scim-user.command';
import { GetScimUserQuery } from './users/queries/get-scim-user.query';
import { ListScimUsersQuery } from './users/queries/list-scim-users.query';
import { ScimUserPresenter } from './users/scim-user.presenter';
import { ScimUsersController } from './users/scim-users.controller';
import { ScimSyncLog } from './sync-log/scim-sync-log';
import { ScimSyncLogInterceptor } from './sync-log/scim-sync-log.interceptor';

@Module({
  imports: [AccountsModule, GroupsModule, DirectoryIntegrationsModule, RateLimitModule],
  // ScimNotFoundController last: it answers whatever the others do not serve.
  controllers: [
    DiscoveryController,
    ScimUsersController,
    ScimGroupsController,
    ScimBulkController,
    ScimRootController,
    ScimNotFoundController,
  ],
  providers: [
    ScimUrls,
    ScimSyncLog,
    ScimSyncLogInterceptor,
    // Read by the Directory integrations tabs, which do not depend on accounts and groups themselves.
    { provide: ProvisionedResourceCounter, useClass: ScimProvisionedResourceCounter },
    { provide: ManagedResourceTransfer, useClass: ScimManagedResourceTransfer },
    // Read by accounts when a source meets an unmanaged user: the setting is on the source's tab.
    { provide: UnmanagedUserAdoption, useExisting: DirectoryOwnershipService },
    ScimUserPresenter,
    CreateScimUserCommand,
    ReplaceScimUserCommand,
    PatchScimUserCommand,
    DeleteScimUserCommand,
    GetScimUserQuery,
    ListScimUsersQuery,
    ScimGroupPresenter,
    CreateScimGroupCommand,
    ReplaceScimGroupCommand,
    PatchScimGroupCommand,
    DeleteScimGroupCommand,
    GetScimGroupQuery,
    ListScimGroupsQuery,
    SearchScimResourcesQuery,
    BulkOperationRunner,
    ProcessScimBulkCommand,
  ],
})
export class ScimModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Before routing, and in this order: a Bulk body is read with its own limit, then any other body, then the
    // token is checked, so that a caller without a valid one learns nothing of which routes exist.
    consumer.apply(ScimBulkBodyMiddleware).forRoutes(ScimBulkController);
    consumer.apply(ScimBodyMiddleware, ScimAuthenticationMiddleware).forRoutes(SCIM_ROUTES);
  }
}
