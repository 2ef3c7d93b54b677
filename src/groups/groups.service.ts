import { Injectable } from '@nestjs/common';
import { UserState } from '../accounts/entities/user-account.entity';
import { MemberUsersService, MemberUserView } from '../accounts/member-users.service';
import { UserGroupSummary, UserMembershipsPort } from '../accounts/user-memberships.port';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { RecordCondition, RecordSearch } from '../common/query/record-query';
import { TransactionHost } from '../database/transaction-host';
import { NewChangeEvent, UserSubject } from '../events/change-event';
import { ChangeSource, ManagingIntegration, managingIntegrationOf } from '../common/auth/change-source';
import { assertMayChange } from '../common/auth/ownership';
import { ChangeEventsOutbox } from '../events/outbox/change-events.outbox';
import { Group } from './entities/group.entity';
import { GroupChange, GroupDefinition, GroupWriteCondition } from './group-change';
import { groupCreatedEvent, groupDeletedEvent, groupUpdatedEvent, MemberIdentity, memberEvents } from './group-change-events';
import { GroupMembersRepository } from './group-members.repository';
import { GroupAttributes, GroupIdentity, GroupsRepository, GroupWithMemberCount } from './groups.repository';

/** A member with what listing it needs from its user account. */
export interface GroupMemberView {
  userId: string;
  userName: string;
  displayName: string | null;
  state: UserState;
}

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
    private readonly users: MemberUsersService,
    private readonly outbox: ChangeEventsOutbox,
  ) {}

  /** A new group, managed by the source's integration when it has one, with its members. */
  async createGroup(companyId: string, source: ChangeSource, definition: GroupDefinition): Promise<Group> {
    return this.transactions.run(async () => {
      const candidates = await this.users.lockLiveUsers(companyId, definition.memberIds);
      assertAllFound(definition.memberIds, candidates);
      const group = await this.groups.insert(companyId, managingIntegrationOf(source), definition);
      const added = await this.members.add(companyId, group.id, definition.memberIds);
      await this.outbox.append(companyId, source, [
        groupCreatedEvent(group),
        ...memberEvents('group.member_added', group, pick(candidates, added)),
      ]);
      return group;
    });
  }

  async getGroup(companyId: string, groupId: string): Promise<Group> {
    const group = await this.groups.findById(companyId, groupId);
    if (!group) throw DomainException.notFound(`Group ${groupId}`);
    return group;
  }

  /**
   * Applies the changes in order to the locked group, all or none, with their events. Every user to add must be a
   * user of the company (else a 400 naming the others), whoever manages that user: the group's members are the
   * group's source's to decide. Adding a member twice or removing a non-member is no error and no event. The
   * version moves only when something changed.
   */
  async changeGroup(
    companyId: string,
    source: ChangeSource,
    groupId: string,
    changes: readonly GroupChange[],
    condition: GroupWriteCondition = {},
  ): Promise<Group> {
    return this.transactions.run(async () => {
      // The users before the group: the group's lock is then held over the changes alone.
      const candidates = await this.users.lockLiveUsers(companyId, userIdsToAdd(changes));
      const current = await this.lockGroup(companyId, groupId, condition, source);
      assertAllFound(userIdsToAdd(changes), candidates);
      const attributes: GroupAttributes = { displayName: current.displayName, externalId: current.externalId };
      const membership = new MembershipChanges();
      for (const change of changes) await this.applyChange(companyId, groupId, change, attributes, membership);
      const attributesChanged = attributes.displayName !== current.displayName || attributes.externalId !== current.externalId;
      if (!membership.changed && !attributesChanged) return current;
      const updated = await this.groups.update(companyId, groupId, attributes);
      await this.outbox.append(companyId, source, await this.changeEvents(current, updated, membership, candidates));
      return updated;
    });
  }

  /** A full replace (SCIM PUT): displayName, externalId and exactly these members. */
  async replaceGroup(
    companyId: string,
    source: ChangeSource,
    groupId: string,
    definition: GroupDefinition,
    condition: GroupWriteCondition = {},
  ): Promise<Group> {
    return this.changeGroup(
      companyId,
      source,
      groupId,
      [
        { kind: 'setDisplayName', value: definition.displayName },
        { kind: 'setExternalId', value: definition.externalId },
        { kind: 'replaceMembers', userIds: definition.memberIds },
      ],
      condition,
    );
  }

  /** Deletes the group and its memberships; its one event says how many members it had. */
  /** Resolves with the group as it was. */
  async deleteGroup(companyId: string, source: ChangeSource, groupId: string, condition: GroupWriteCondition = {}): Promise<Group> {
    return this.transactions.run(async () => {
      const group = await this.lockGroup(companyId, groupId, condition, source);
      const memberCount = await this.members.count(companyId, groupId);
      await this.groups.delete(companyId, groupId);
      await this.outbox.append(companyId, source, [groupDeletedEvent(group, memberCount)]);
      return group;
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
        const ids = await this.members.idsAfter(companyId, groupId, after, chunkSize);
        if (ids.length > 0) onChunk(await this.memberViews(companyId, ids));
        if (ids.length < chunkSize) return group;
        after = ids[ids.length - 1];
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

  /** Every group the directory integration manages. */
  async listManagedGroups(companyId: string, integrationId: string): Promise<Group[]> {
    return this.groups.listManagedBy(companyId, integrationId);
  }

  /** Groups that `integrationId` does not manage holding one of these displayNames: a source cannot take them. */
  async groupsNamedOutside(companyId: string, integrationId: string, displayNames: string[]): Promise<Group[]> {
    return this.groups.namedOutside(companyId, integrationId, displayNames);
  }

  /**
   * Hands every group `from` manages, with its membership, to `to` (an admin's transfer between tabs), in the
   * enclosing transaction; returns how many moved. No event: the groups and their members are unchanged.
   */
  async transferManagement(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<number> {
    return this.groups.transferManagement(companyId, from, to);
  }

  /** How many groups each directory integration manages; integrations with none are absent. */
  async countGroupsByIntegration(companyId: string): Promise<Map<string, number>> {
    return this.groups.countByIntegration(companyId);
  }

  async removeUserFromAllGroups(companyId: string, source: ChangeSource, user: UserSubject): Promise<void> {
    const groups = await this.members.removeUserEverywhere(companyId, user.id);
    await this.outbox.append(
      companyId,
      source,
      groups.flatMap((group) => memberEvents('group.member_removed', group, [user])),
    );
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
    const ids = await this.members.idsAfter(companyId, groupId, query.cursor, query.limit + 1);
    const members = await this.memberViews(companyId, ids.slice(0, query.limit));
    const nextCursor = ids.length > query.limit ? ids[query.limit - 1] : null;
    return { group, memberCount: await this.members.count(companyId, groupId), members, nextCursor };
  }

  /** Runs one change: membership changes into `membership`, attribute changes into `attributes`. */
  private async applyChange(
    companyId: string,
    groupId: string,
    change: GroupChange,
    attributes: GroupAttributes,
    membership: MembershipChanges,
  ): Promise<void> {
    switch (change.kind) {
      case 'setDisplayName':
        attributes.displayName = change.value;
        return;
      case 'setExternalId':
        attributes.externalId = change.value;
        return;
      case 'addMembers':
        return membership.added(await this.members.add(companyId, groupId, change.userIds));
      case 'removeMembers':
        return membership.removed(await this.members.remove(companyId, groupId, change.userIds));
      case 'removeAllMembers':
        return membership.removed(await this.members.removeAllBut(companyId, groupId, []));
      case 'replaceMembers':
        membership.removed(await this.members.removeAllBut(companyId, groupId, change.userIds));
        return membership.added(await this.members.add(companyId, groupId, change.userIds));
    }
  }

  /** The events of one changeGroup: the attribute change, then each membership that ended up added or removed. */
  private async changeEvents(
    before: Group,
    after: Group,
    membership: MembershipChanges,
    candidates: MemberUserView[],
  ): Promise<NewChangeEvent[]> {
    const updated = groupUpdatedEvent(before, after);
    const removedUsers = await this.users.viewsOf(after.companyId, membership.removedIds());
    return [
      ...(updated ? [updated] : []),
      ...memberEvents('group.member_removed', after, removedUsers),
      ...memberEvents('group.member_added', after, pick(candidates, membership.addedIds())),
    ];
  }

  private async memberViews(companyId: string, userIds: string[]): Promise<GroupMemberView[]> {
    const users = await this.users.viewsOf(companyId, userIds);
    return users.map((user) => ({ userId: user.id, userName: user.userName, displayName: user.displayName, state: user.state }));
  }

  /** The group to change, locked; a source changes only the groups it manages (docs/ownership.md). */
  private async lockGroup(
    companyId: string,
    groupId: string,
    { expectedVersion }: GroupWriteCondition,
    source: ChangeSource,
  ): Promise<Group> {
    const current = await this.groups.findByIdForUpdate(companyId, groupId);
    if (!current) throw DomainException.notFound(`Group ${groupId}`);
    assertMayChange(source, current, `Group ${current.displayName}`);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw versionMismatch(groupId, current.version, expectedVersion);
    }
    return current;
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

/**
 * The net membership change of several steps: a user removed then added again (a PUT's replace, or a PATCH that
 * removes and re-adds) is no change at all, and the same for added then removed.
 */
class MembershipChanges {
  private readonly net = new Map<string, 'added' | 'removed'>();
  /** Rows were written, even when they net out: the version still moves. */
  private touched = false;

  get changed(): boolean {
    return this.touched;
  }

  added(userIds: string[]): void {
    for (const id of userIds) this.flip(id, 'added');
  }

  removed(userIds: string[]): void {
    for (const id of userIds) this.flip(id, 'removed');
  }

  addedIds(): string[] {
    return [...this.net].flatMap(([id, change]) => (change === 'added' ? [id] : []));
  }

  removedIds(): string[] {
    return [...this.net].flatMap(([id, change]) => (change === 'removed' ? [id] : []));
  }

  private flip(userId: string, change: 'added' | 'removed'): void {
    this.touched = true;
    if (this.net.get(userId) === undefined) this.net.set(userId, change);
    else this.net.delete(userId);
  }
}

/** Every user to add must have been found (existing, of the company, not deleted). */
function assertAllFound(userIds: string[], found: MemberUserView[]): void {
  const known = new Set(found.map((user) => user.id.toLowerCase()));
  const unknown = userIds.filter((id) => !known.has(id.toLowerCase()));
  if (unknown.length > 0) throw unknownMembers(unknown);
}

/** The users among `found` with the given ids, as membership events name them. */
function pick(found: MemberUserView[], userIds: string[]): MemberIdentity[] {
  const byId = new Map(found.map((user) => [user.id.toLowerCase(), user]));
  return userIds.flatMap((id) => {
    const user = byId.get(id.toLowerCase());
    return user ? [{ id: user.id, userName: user.userName, externalId: user.externalId }] : [];
  });
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
