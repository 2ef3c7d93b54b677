import { Global, Module } from '@nestjs/common';
import { UserMembershipsPort } from '../accounts/user-memberships.port';
import { GroupsModule } from './groups.module';
import { GroupsService } from './groups.service';

/**
 * Serves accounts' UserMembershipsPort from the groups module, app-wide: AccountsModule cannot import GroupsModule,
 * which depends on accounts.
 */
@Global()
@Module({
  imports: [GroupsModule],
  providers: [{ provide: UserMembershipsPort, useExisting: GroupsService }],
  exports: [UserMembershipsPort],
})
export class UserMembershipsModule {}
