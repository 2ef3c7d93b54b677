import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { UserNameHolders } from '../accounts/user-accounts.repository';
import { GroupsService } from '../groups/groups.service';
import { DeprovisionAction } from './entities/directory-sync-settings.entity';
import { SnapshotSource } from './snapshot-items';
import { matchStagedUsers, planSnapshot, SnapshotPlan } from './snapshot-plan';
import { SnapshotStagingRepository } from './snapshot-staging.repository';

/** userNames looked up per statement. */
const HOLDERS_CHUNK = 5000;
const MEMBER_CHUNK = 10000;

/** Computes a committed snapshot's difference from its staged rows and what its source manages. */
@Injectable()
export class SnapshotPlanner {
  constructor(
    private readonly staging: SnapshotStagingRepository,
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
  ) {}

  async plan(source: SnapshotSource, snapshotId: string, deprovisionAction: DeprovisionAction): Promise<SnapshotPlan> {
    const { companyId, integrationId } = source;
    const users = await this.staging.userKeys(companyId, snapshotId);
    const managedUsers = await this.accounts.listManagedUsers(companyId, integrationId);
    const matches = matchStagedUsers(users, managedUsers);
    const unmatched = users.filter((user) => matches[user.n] === null).map((user) => user.userNameKey);
    const userNameHolders: UserNameHolders = new Map();
    for (let start = 0; start < unmatched.length; start += HOLDERS_CHUNK) {
      const holders = await this.accounts.userNameHolders(companyId, unmatched.slice(start, start + HOLDERS_CHUNK));
      holders.forEach((provider, key) => userNameHolders.set(key, provider));
    }
    const managedGroups = await this.groups.listManagedGroups(companyId, integrationId);
    const currentMembers = new Map<string, Set<string>>();
    for (const group of managedGroups) currentMembers.set(group.id, await this.memberIds(companyId, group.id));
    const groups = await this.staging.groups(companyId, snapshotId);
    const groupsNamedOutside = await this.groups.groupsNamedOutside(
      companyId,
      integrationId,
      groups.map((group) => group.displayName),
    );
    return planSnapshot({
      users,
      matches,
      managedUsers,
      userNameHolders,
      deprovisionAction,
      groups,
      groupsNamedOutside,
      managedGroups,
      currentMembers,
      memberships: await this.staging.memberships(companyId, snapshotId),
    });
  }

  private async memberIds(companyId: string, groupId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const chunk = await this.groups.memberIdsAfter(companyId, groupId, after, MEMBER_CHUNK);
      chunk.forEach((id) => ids.add(id));
      if (chunk.length < MEMBER_CHUNK) return ids;
      after = chunk[chunk.length - 1];
    }
  }
}
