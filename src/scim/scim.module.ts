import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { GroupsModule } from '../groups/groups.module';
import { DiscoveryController } from './discovery/discovery.controller';
import { ScimUrls } from './scim-urls';
import { CreateScimUserCommand } from './users/commands/create-scim-user.command';
import { DeleteScimUserCommand } from './users/commands/delete-scim-user.command';
import { PatchScimUserCommand } from './users/commands/patch-scim-user.command';
import { ReplaceScimUserCommand } from './users/commands/replace-scim-user.command';
import { GetScimUserQuery } from './users/queries/get-scim-user.query';
import { ListScimUsersQuery } from './users/queries/list-scim-users.query';
import { ScimUserPresenter } from './users/scim-user.presenter';
import { ScimUsersController } from './users/scim-users.controller';

@Module({
  imports: [AccountsModule, GroupsModule],
  controllers: [DiscoveryController, ScimUsersController],
  providers: [
    ScimUrls,
    ScimUserPresenter,
    CreateScimUserCommand,
    ReplaceScimUserCommand,
    PatchScimUserCommand,
    DeleteScimUserCommand,
    GetScimUserQuery,
    ListScimUsersQuery,
  ],
})
export class ScimModule {}
