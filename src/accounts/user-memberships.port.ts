import { RecordCondition } from '../common/query/record-query';
import { UserSubject } from '../events/change-event';
import { ChangeSource } from '../common/auth/change-source';

/** A group a user belongs to, by name. */
export interface UserGroupSummary {
  id: string;
  displayName: string;
}

/**
 * What accounts need to know of the groups that hold users. The groups module owns memberships and implements
 * this (bound in UserMembershipsModule): accounts cannot import groups, which imports accounts.
 */
export abstract class UserMembershipsPort {
  /** The groups of each of the given users, by name, in one query. */
  abstract groupsOfUsers(companyId: string, userIds: string[]): Promise<Map<string, UserGroupSummary[]>>;

  /** Takes the user out of every group, with the groups' events, in the enclosing transaction. */
  abstract removeUserFromAllGroups(companyId: string, source: ChangeSource, user: UserSubject): Promise<void>;

  /** The users that belong to some group matching the condition on the group's `id` and `displayName` (to any group, without one). */
  abstract userIdsInGroupsMatching(companyId: string, condition: RecordCondition | undefined): Promise<string[]>;

  /** Up to `limit` member ids of the group in id order, after `afterUserId` (from the first when undefined). */
  abstract memberIdsAfter(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<string[]>;
}
