import { Injectable } from '@nestjs/common';
import { UserGroupSummary, UserMembershipsPort } from '../accounts/user-memberships.port';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { RecordCondition, RecordSearch } from '../common/query/record-query';
import { TransactionHost } from '../database/transaction-host';
import { Group } from './entities/group.entity';
import { GroupChange, GroupDefinition, GroupWriteCondition } from './group-change';
import { GroupMembersRepository, GroupMemberView } from './group-members.repository';
import { GroupAttributes, GroupIdentity, GroupsRepository, GroupWithMemberCount } from './groups.repository';

export type { GroupMemberView };

export interface GroupPage {
  groups: GroupWithMemberCount[];
  nextCursor: string | null;
}

export interface GroupMemberPage {
  group: Group;
  memberCount: number;
  members: GroupMemberView[];
  nextCursor: string | null;
}

/** Unknown ids named in an error message, at most. */
const MAX_NAMED_IDS = 20;

@Injectable()
export class GroupsService implements UserMembershipsPort {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly members: GroupMembersRepository,
    private readonly transactions: TransactionHost,
  ) {}

  async createGroup(companyId: string, integrationId: string | null, definition: GroupDefinition): Promise<Group> {
    return this.transactions.run(async () => {
      await this.assertUsersOfCompany(companyId, definition.memberIds);
      const group = await this.groups.insert(companyId, integrationId, definition);
      await this.members.add(companyId, group.id, definition.memberIds);
      return group;
    });
  }

  async getGroup(companyId: string, groupId: string): Promise<Group> {
    const group = await this.groups.findById(companyId, groupId);
    if (!group) throw DomainException.notFound(`Group ${groupId}`);
    return group;
  }

  /**
   * Applies the changes in order to the locked group, all or none. Every user to add must be a user of the
   * company (else a 400 naming the others); adding a member twice or removing a non-member is no error.
   * The version moves only when something changed.
   */
  async changeGroup(
    companyId: string,
    groupId: string,
    changes: readonly GroupChange[],
    condition: GroupWriteCondition = {},
  ): Promise<Group> {
    const [lone] = changes;
    if (changes.length === 1 && (lone.kind === 'addMembers' || lone.kind === 'removeMembers')) {
      const group = await this.changeMembersInOneStatement(companyId, groupId, lone, condition);
      if (group) return group;
    }
    return this.transactions.run(async () => {
      // The users before the group: the group's lock is then held over the changes alone.
      const unknownUsers = await this.members.lockUsersAndFindUnknown(companyId, userIdsToAdd(changes));
      const current = await this.lockGroup(companyId, groupId, condition);
      if (unknownUsers.length > 0) throw unknownMembers(unknownUsers);
      const attributes: GroupAttributes = { displayName: current.displayName, externalId: current.externalId };
      let membershipChanged = false;
      for (const change of changes) {
        const changedMembers = await this.applyChange(companyId, groupId, change, attributes);
        membershipChanged = membershipChanged || changedMembers > 0;
      }
      const attributesChanged = attributes.displayName !== current.displayName || attributes.externalId !== current.externalId;
      return membershipChanged || attributesChanged ? this.groups.update(companyId, groupId, attributes) : current;
    });
  }

  /** A full replace (SCIM PUT): displayName, externalId and exactly these members. */
  async replaceGroup(companyId: string, groupId: string, definition: GroupDefinition, condition: GroupWriteCondition = {}): Promise<Group> {
    return this.changeGroup(
      companyId,
      groupId,
      [
        { kind: 'setDisplayName', value: definition.displayName },
        { kind: 'setExternalId', value: definition.externalId },
        { kind: 'replaceMembers', userIds: definition.memberIds },
      ],
      condition,
    );
  }

  async deleteGroup(companyId: string, groupId: string, condition: GroupWriteCondition = {}): Promise<void> {
    await this.transactions.run(async () => {
      await this.lockGroup(companyId, groupId, condition);
      await this.groups.delete(companyId, groupId);
    });
  }

  /**
   * One page of groups and the total number matching. A filtered search (a provider's lookup) gets both from
   * one statement; an unfiltered page counts separately, because a window count would read every group's row.
   */
  async searchGroups(companyId: string, search: RecordSearch): Promise<{ groups: Group[]; total: number }> {
    if (search.limit === 0) return { groups: [], total: await this.groups.count(companyId, search.where) };
    const page = await this.groups.search(companyId, search, search.where !== undefined);
    return { groups: page.groups, total: page.total ?? (await this.groups.count(companyId, search.where)) };
  }

  /**
   * The group and all its members, read from one snapshot in chunks of `chunkSize` handed to `onChunk` as they
   * arrive, so that a caller can turn each into output and drop it: a group can have 100,000 members.
   * Null when there is no such group. Must not be called inside another transaction.
   */
  async readGroupWithMembers(
    companyId: string,
    groupId: string,
    chunkSize: number,
    onChunk: (members: GroupMemberView[]) => void,
  ): Promise<Group | null> {
    return this.transactions.run(async () => {
      await this.groups.useSnapshot();
      const group = await this.groups.findById(companyId, groupId);
      if (!group) return null;
      let after: string | undefined;
      for (;;) {
        const chunk = await this.members.page(companyId, groupId, after, chunkSize);
        if (chunk.length > 0) onChunk(chunk);
        if (chunk.length < chunkSize) return group;
        after = chunk[chunk.length - 1].userId;
      }
    });
  }

  /** Whom each group is, for logs that keep only ids. */
  async identitiesOf(companyId: string, groupIds: string[]): Promise<Map<string, GroupIdentity>> {
    return this.groups.identitiesOf(companyId, groupIds);
  }

  async groupsOfUsers(companyId: string, userIds: string[]): Promise<Map<string, UserGroupSummary[]>> {
    return this.groups.groupsOfUsers(companyId, userIds);
  }

  /** How many groups each directory integration manages; integrations with none are absent. */
  async countGroupsByIntegration(companyId: string): Promise<Map<string, number>> {
    return this.groups.countByIntegration(companyId);
  }

  async removeUserFromAllGroups(companyId: string, userId: string): Promise<void> {
    await this.members.removeUserEverywhere(companyId, userId);
  }

  async userIdsInGroupsMatching(companyId: string, condition: RecordCondition | undefined): Promise<string[]> {
    return this.members.userIdsInGroupsMatching(companyId, condition);
  }

  async memberIdsAfter(companyId: string, groupId: string, afterUserId: string | undefined, limit: number): Promise<string[]> {
    return this.members.idsAfter(companyId, groupId, afterUserId, limit);
  }

  /** Groups in displayName order with their member counts; `cursor` is the previous page's nextCursor. */
  async listGroups(companyId: string, query: { search?: string; cursor?: string; limit: number }): Promise<GroupPage> {
    const rows = await this.groups.listWithMemberCounts(companyId, {
      search: query.search,
      afterName: query.cursor === undefined ? undefined : decodeNameCursor(query.cursor),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { groups: page, nextCursor: rows.length > query.limit && last ? encodeNameCursor(last.sortKey) : null };
  }

  /** One page of a group's members in user id order; `cursor` is the previous page's nextCursor (a user id). */
  async listMembers(companyId: string, groupId: string, query: { cursor?: string; limit: number }): Promise<GroupMemberPage> {
    const group = await this.getGroup(companyId, groupId);
    const rows = await this.members.page(companyId, groupId, query.cursor, query.limit + 1);
    const members = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? members[members.length - 1].userId : null;
    return { group, memberCount: await this.members.count(companyId, groupId), members, nextCursor };
  }

  /** Runs one change; returns how many memberships it added or removed. Attribute changes go to `attributes`. */
  private async applyChange(companyId: string, groupId: string, change: GroupChange, attributes: GroupAttributes): Promise<number> {
    switch (change.kind) {
      case 'setDisplayName':
        attributes.displayName = change.value;
        return 0;
      case 'setExternalId':
        attributes.externalId = change.value;
        return 0;
      case 'addMembers':
        return this.members.add(companyId, groupId, change.userIds);
      case 'removeMembers':
        return this.members.remove(companyId, groupId, change.userIds);
      case 'removeAllMembers':
        return this.members.removeAll(companyId, groupId);
      case 'replaceMembers':
        return this.members.replace(companyId, groupId, change.userIds);
    }
  }

  /**
   * A lone add or removal, the usual PATCH of identity providers, runs as one statement that also locks the group
   * and bumps its version. Undefined when a removal was inconclusive: it wrote nothing, and the locked path redoes it.
   */
  private async changeMembersInOneStatement(
    companyId: string,
    groupId: string,
    change: Extract<GroupChange, { kind: 'addMembers' | 'removeMembers' }>,
    { expectedVersion }: GroupWriteCondition,
  ): Promise<Group | undefined> {
    const outcome =
      change.kind === 'addMembers'
        ? await this.members.addInOneStatement(companyId, groupId, change.userIds, expectedVersion)
        : await this.members.removeInOneStatement(companyId, groupId, change.userIds, expectedVersion);
    switch (outcome.kind) {
      case 'written':
        return outcome.group;
      case 'groupNotFound':
        throw DomainException.notFound(`Group ${groupId}`);
      case 'versionMismatch':
        throw versionMismatch(groupId, outcome.currentVersion, expectedVersion);
      case 'unknownUsers':
        throw unknownMembers(outcome.userIds);
      case 'inconclusive':
        return undefined;
    }
  }

  private async lockGroup(companyId: string, groupId: string, { expectedVersion }: GroupWriteCondition): Promise<Group> {
    const current = await this.groups.findByIdForUpdate(companyId, groupId);
    if (!current) throw DomainException.notFound(`Group ${groupId}`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw versionMismatch(groupId, current.version, expectedVersion);
    }
    return current;
  }

  /**
   * Members are users of the same company that are not deleted; checked in one statement that also locks
   * them, so that a user deleted meanwhile cannot stay a member. Never reveals another company's users.
   */
  private async assertUsersOfCompany(companyId: string, userIds: string[]): Promise<void> {
    const unknown = await this.members.lockUsersAndFindUnknown(companyId, userIds);
    if (unknown.length > 0) throw unknownMembers(unknown);
  }
}

function versionMismatch(groupId: string, currentVersion: number, expectedVersion: number | undefined): DomainException {
  return new DomainException(
    DomainErrorCode.PreconditionFailed,
    `Group ${groupId} has changed: version ${currentVersion}, not ${expectedVersion}`,
  );
}

function unknownMembers(userIds: string[]): DomainException {
  const named = userIds.slice(0, MAX_NAMED_IDS).join(', ');
  const more = userIds.length > MAX_NAMED_IDS ? ` and ${userIds.length - MAX_NAMED_IDS} more` : '';
  return new DomainException(DomainErrorCode.InvalidInput, `Members must be users of this company; these are not: ${named}${more}`);
}

function userIdsToAdd(changes: readonly GroupChange[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'addMembers' || change.kind === 'replaceMembers') change.userIds.forEach((id) => ids.add(id));
  }
  return [...ids];
}

/** Opaque to clients; the sort key (lower-cased displayName) the next page starts after. */
function encodeNameCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

function decodeNameCursor(cursor: string): string {
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (name === '' || Buffer.from(name, 'utf8').toString('base64url') !== cursor) {
    throw new DomainException(DomainErrorCode.InvalidInput, 'cursor is not one this API returned');
  }
  return name;
}
