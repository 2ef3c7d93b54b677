import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EventsModule } from '../events/events.module';
import { AdminGroupsController } from './admin-groups.controller';
import { GroupMembersRepository } from './group-members.repository';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({
  imports: [AccountsModule, EventsModule],
  controllers: [AdminGroupsController],
  providers: [GroupsRepository, GroupMembersRepository, GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
