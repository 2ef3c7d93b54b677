import { Module } from '@nestjs/common';
import { AdminGroupsController } from './admin-groups.controller';
import { GroupMembersRepository } from './group-members.repository';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({
  controllers: [AdminGroupsController],
  providers: [GroupsRepository, GroupMembersRepository, GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
