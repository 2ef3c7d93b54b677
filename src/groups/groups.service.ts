import { Injectable } from '@nestjs/common';
import { GroupsRepository, GroupSummary } from './groups.repository';

@Injectable()
export class GroupsService {
  constructor(private readonly groups: GroupsRepository) {}

  async groupsOfUsers(companyId: string, userIds: string[]): Promise<Map<string, GroupSummary[]>> {
    return this.groups.groupsOfUsers(companyId, userIds);
  }
}
