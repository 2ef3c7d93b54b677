import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { UnmanagedUserAdoption } from './unmanaged-user-adoption.port';
import { AuditLogService } from '../audit/audit-log.service';
import { AuditActorType } from '../audit/entities/audit-log-entry.entity';
import { ChangeSource, ManagingIntegration, managingIntegrationOf } from '../common/auth/change-source';
import { assertMayChange } from '../common/auth/ownership';
import { ChangeEventsOutbox } from '../events/outbox/change-events.outbox';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { RecordSearch } from '../common/query/record-query';
import { TransactionHost } from '../database/transaction-host';
import { UserAccount, UserState } from './entities/user-account.entity';
import {
  AdminUserQuery,
  ManagedUser,
  UserAccountsRepository,
  UserIdentity,
  UserPage,
  UserProfile,
  UserNameHolders,
} from './user-accounts.repository';
import { resolveGroupConditions } from './user-group-conditions';
import { ListingCursors } from './listing-cursors';
import { alreadyReached, initialState, LifecycleEvent, nextState, stateForActiveFlag } from './user-lifecycle';
import { userChangeEvents, userCreatedEvent, userSubject } from './user-change-events';
import { UserGroupSummary, UserMembershipsPort } from './user-memberships.port';

/** A profile change computed from the current user, e.g. by applying a SCIM PATCH to it. */
export interface UserChange {
  profile: UserProfile;
  /** The desired `active` flag; undefined leaves the lifecycle state as it is. */
  active?: boolean;
}

/** Admin users listed by group: the group's member ids are read in chunks of this size, in the list's id order. */
const MEMBER_ID_CHUNK = 1000;

/** The admin console's user list; `groupId`: only that group's members. */
export interface AdminUserListQuery extends Omit<AdminUserQuery, 'userIds'> {
  groupId?: string;
}

export interface WriteCondition {
  /** The version the caller last saw (If-Match); a different current version fails the write. */
  expectedVersion?: number;
}

@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UserAccountsRepository,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    private readonly memberships: UserMembershipsPort,
    private readonly outbox: ChangeEventsOutbox,
    private readonly moduleRef: ModuleRef,
    private readonly listingCursors: ListingCursors,
  ) {}

  /**
   * A new user, managed by the source's integration when it has one. A taken userName is a conflict, unless it is an
   * unmanaged user's and the source adopts unmanaged users: the source then takes that user over with this profile.
   */
  async createUser(companyId: string, source: ChangeSource, profile: UserProfile, active: boolean): Promise<UserAccount> {
    if (!this.transactions.inTransaction) {
      const created = await this.transactions.run(() => this.insertWithEvent(companyId, source, profile, active));
      if (created) return created;
    }
    return this.transactions.run(async () => {
      const manager = managingIntegrationOf(source);
      const user = await this.users.insertUnlessTaken(companyId, manager, profile, initialState(active));
      if (user) {
        await this.outbox.append(companyId, source, [userCreatedEvent(user)]);
        return user;
      }
      const holder = manager && (await this.users.findByUserNameForUpdate(companyId, profile.userName));
      if (!holder || !(await this.adopts(manager, holder))) {
        throw new DomainException(DomainErrorCode.AlreadyExists, `A user with userName ${profile.userName} already exists`);
      }
      return this.adopt(holder, manager, source, { profile, active });
    });
  }

  /**
   * The common create in one exchange with PostgreSQL: the event, known before the row (the id is chosen here), is
   * held and leaves with the INSERT, which commits the transaction. Null when the userName is taken; nothing was
   * written then, and createUser goes the long way (adoption or conflict).
   */
  private async insertWithEvent(
    companyId: string,
    source: ChangeSource,
    profile: UserProfile,
    active: boolean,
  ): Promise<UserAccount | null> {
    const manager = managingIntegrationOf(source);
    const state = initialState(active);
    const id = randomUUID();
    await this.outbox.append(companyId, source, [userCreatedEvent(Object.assign(new UserAccount(), { ...profile, id, state }))]);
    return this.users.insertAndCommit(companyId, id, manager, profile, state);
  }

  /**
   * Creates many users in one statement, as createUser would one by one. An entry is null where the userName was
   * taken (by an existing user or an earlier entry): createUser then gives the reason.
   */
  async createUsers(
    companyId: string,
    source: ChangeSource,
    users: { profile: UserProfile; active: boolean }[],
  ): Promise<(UserAccount | null)[]> {
    return this.transactions.run(async () => {
      const created = await this.users.insertMany(
        companyId,
        managingIntegrationOf(source),
        users.map(({ profile, active }) => ({ profile, state: initialState(active) })),
      );
      await this.outbox.append(
        companyId,
        source,
        created.flatMap((user) => (user ? [userCreatedEvent(user)] : [])),
      );
      return created;
    });
  }

  async getUser(companyId: string, userId: string): Promise<UserAccount> {
    const user = await this.users.findById(companyId, userId);
    if (!user) throw DomainException.notFound(`User ${userId}`);
    return user;
  }

  /**
   * Applies `change` to the current user, locked, and writes the result with its events. The events are known
   * before the UPDATE, so they leave with it, and the UPDATE commits the transaction when this call opened it: two
   * exchanges with PostgreSQL, the lock held between them. A source changes only the users it manages
   * (docs/ownership.md), checked on the row it reads anyway.
   */
  async changeUser(
    companyId: string,
    source: ChangeSource,
    userId: string,
    change: (current: UserAccount) => UserChange,
    condition: WriteCondition = {},
  ): Promise<UserAccount> {
    return this.transactions.run(async () => {
      const current = await this.lockUser(companyId, userId);
      const manager = managingIntegrationOf(source);
      if (manager && (await this.adopts(manager, current))) {
        assertVersion(current, condition);
        return this.adopt(current, manager, source, change(current));
      }
      assertMayChange(source, current, `User ${current.userName}`);
      assertVersion(current, condition);
      const { profile, active } = change(current);
      const state = active === undefined ? current.state : stateForActiveFlag(current, active);
      // The attributes as jsonb will hold them (no undefined members), so that the events name only real changes.
      const attributes = JSON.parse(JSON.stringify(profile.attributes)) as Record<string, unknown>;
      const expected = Object.assign(new UserAccount(), { ...current, ...profile, attributes, state });
      await this.outbox.append(companyId, source, userChangeEvents(current, expected));
      return this.users.updateAndCommit(current, profile, state);
    });
  }

  /** Moves the user to deleted, out of every group; resolves with the user as it was before. */
  async deleteUser(companyId: string, source: ChangeSource, userId: string, condition: WriteCondition = {}): Promise<UserAccount> {
    return this.transactions.run(async () => {
      const current = await this.lockUser(companyId, userId);
      assertMayChange(source, current, `User ${current.userName}`);
      assertVersion(current, condition);
      nextState(current, LifecycleEvent.Delete);
      await this.markDeleted(current, source);
      return current;
    });
  }

  /**
   * One page of users and the total number matching. A filtered search (a provider's lookup) gets both from
   * one statement; an unfiltered one reads the company's count of users (live_user_counts), as a window count
   * would read every user's row.
   */
  async searchUsers(companyId: string, query: RecordSearch): Promise<UserPage & { total: number }> {
    const where =
      query.where && (await resolveGroupConditions(query.where, (groups) => this.memberships.userIdsInGroupsMatching(companyId, groups)));
    const search = { ...query, where };
    if (search.limit === 0) return { users: [], total: await this.users.count(companyId, where) };
    if (!where && !search.sort) return this.pageInCreationOrder(companyId, search.offset, search.limit);
    const page = await this.users.search(companyId, search, where !== undefined);
    return { ...page, total: page.total ?? (await this.users.count(companyId, where)) };
  }

  /**
   * A page of all users in creation order (an import's): from the nearest end of a page served before when no user
   * was created or deleted since, which spares skipping the users before it, else by offset. Both give exactly the
   * page at `offset`.
   */
  private async pageInCreationOrder(companyId: string, offset: number, limit: number): Promise<UserPage & { total: number }> {
    const cursor = offset > 0 ? this.listingCursors.nearest(companyId, offset) : undefined;
    let page = cursor && (await this.users.pageInCreationOrder(companyId, offset - cursor.position, limit, cursor));
    if (!page || page.changes !== cursor?.changes) page = await this.users.pageInCreationOrder(companyId, offset, limit);
    if (page.end) this.listingCursors.remember(companyId, page.end);
    return { users: page.users, total: page.total };
  }

  /** How many users each directory integration manages, deleted users excluded; integrations with none are absent. */
  async countUsersByIntegration(companyId: string): Promise<Map<string, number>> {
    return this.users.countByIntegration(companyId);
  }

  /**
   * Matches what a source says its users should be against the users its integration manages (by externalId,
   * then userName) in one statement, telling which already have the wanted profile: a directory snapshot's diff.
   */
  /** Every user the integration manages, deleted users excluded, with its profile's fingerprint (profileFingerprintSql). */
  async listManagedUsers(companyId: string, integrationId: string): Promise<ManagedUser[]> {
    return this.users.listManagedBy(companyId, integrationId);
  }

  /** Of these userName keys, those a user of the company holds, with the provider managing it (null: none). */
  async userNameHolders(companyId: string, userNameKeys: string[]): Promise<UserNameHolders> {
    return this.users.userNameHolders(companyId, userNameKeys);
  }

  /**
   * Hands every user `from` manages to `to` (an admin's transfer between tabs), in the enclosing transaction;
   * returns how many users, deleted ones excluded, moved. No event: what consumers see of the users is unchanged.
   */
  async transferManagement(companyId: string, from: ManagingIntegration, to: ManagingIntegration): Promise<number> {
    return this.users.transferManagement(companyId, from, to);
  }

  /** Any user, deleted ones included, with the integration that manages it. */
  async getUserForAdmin(companyId: string, userId: string): Promise<UserAccount> {
    const user = await this.users.findAnyById(companyId, userId);
    if (!user) throw DomainException.notFound(`User ${userId}`);
    return user;
  }

  /** Whom each user is, for logs that keep only ids; deleted users included. */
  async identitiesOf(companyId: string, userIds: string[]): Promise<Map<string, UserIdentity>> {
    return this.users.identitiesOf(companyId, userIds);
  }

  async groupsOfUser(companyId: string, userId: string): Promise<UserGroupSummary[]> {
    return (await this.memberships.groupsOfUsers(companyId, [userId])).get(userId) ?? [];
  }

  async listUsersForAdmin(companyId: string, { groupId, ...query }: AdminUserListQuery): Promise<UserAccount[]> {
    if (groupId === undefined) return this.users.listForAdmin(companyId, query);
    // Memberships are the groups module's: walk the group's member ids in id order until the page is full.
    const rows: UserAccount[] = [];
    let afterId = query.afterId;
    while (rows.length < query.limit) {
      const memberIds = await this.memberships.memberIdsAfter(companyId, groupId, afterId, MEMBER_ID_CHUNK);
      if (memberIds.length === 0) break;
      rows.push(...(await this.users.listForAdmin(companyId, { ...query, userIds: memberIds, limit: query.limit - rows.length })));
      if (memberIds.length < MEMBER_ID_CHUNK) break;
      afterId = memberIds[memberIds.length - 1];
    }
    return rows;
  }

  /** The users (not deleted) with these userNames, by lower-cased userName. */
  async findUsersByUserNames(companyId: string, userNames: string[]): Promise<Map<string, UserAccount>> {
    const users = await this.users.findByUserNames(companyId, [...new Set(userNames.map((name) => name.toLowerCase()))]);
    return new Map(users.map((user) => [user.userName.toLowerCase(), user]));
  }

  async findUserByUserName(companyId: string, userName: string): Promise<UserAccount> {
    const user = await this.users.findByUserName(companyId, userName);
    if (!user) throw DomainException.notFound(`User ${userName}`);
    return user;
  }

  /**
   * A lifecycle change made outside SCIM (admin console, vault service), audited with its source.
   * The provider's next SCIM update still applies on top of it. A user already in the state asked for
   * is returned as it is, with no write, no event and no audit entry.
   */
  async transitionUser(companyId: string, source: ChangeSource, userId: string, event: LifecycleEvent): Promise<UserAccount> {
    return this.transactions.run(async () => {
      const current = await this.users.findAnyById(companyId, userId, true);
      if (!current) throw DomainException.notFound(`User ${userId}`);
      assertMayChange(source, current, `User ${current.userName}`);
      if (alreadyReached(current, event)) return current;
      const state = nextState(current, event);
      let updated: UserAccount;
      if (state === UserState.Deleted) {
        updated = await this.markDeleted(current, source);
      } else {
        updated = await this.users.updateState(companyId, userId, state);
        await this.outbox.append(companyId, source, userChangeEvents(current, updated));
      }
      await this.auditLog.append(companyId, {
        ...auditActorOf(source),
        action: `user.${event}`,
        targetType: 'user',
        targetId: userId,
        details: { userName: current.userName, from: current.state, to: state },
      });
      return updated;
    });
  }

  /**
   * Retention: clears the personal data of up to `limit` users deleted more than `days` days ago, of every
   * company, and their userName from the audit entries about them. Returns how many users it cleared.
   */
  async purgePersonalDataOfDeletedUsers(days: number, limit: number): Promise<number> {
    return this.transactions.run(async () => {
      const purged = await this.users.purgePersonalDataOfDeleted(days, limit);
      await this.auditLog.removeDetailOfTargets(
        'user',
        purged.map((user) => ({ companyId: user.companyId, targetId: user.id })),
        'userName',
      );
      return purged.length;
    });
  }

  /** Whether `manager` takes over `user`: an unmanaged user, and a source that adopts them (asked only then). */
  private async adopts(manager: ManagingIntegration, user: UserAccount): Promise<boolean> {
    if (user.integrationId !== null) return false;
    return this.moduleRef.get(UnmanagedUserAdoption, { strict: false }).adoptsUnmanagedUsers(user.companyId, manager.id);
  }

  /** The locked unmanaged user `current`, taken over by `manager` with `change` applied; audited with its source. */
  private async adopt(current: UserAccount, manager: ManagingIntegration, source: ChangeSource, change: UserChange): Promise<UserAccount> {
    const state = change.active === undefined ? current.state : stateForActiveFlag(current, change.active);
    const adopted = await this.users.adopt(current, manager, change.profile, state);
    await this.outbox.append(current.companyId, source, userChangeEvents(current, adopted));
    await this.auditLog.append(current.companyId, {
      ...auditActorOf(source),
      action: 'user.adopted',
      targetType: 'user',
      targetId: current.id,
      details: { userName: adopted.userName, provider: manager.provider },
    });
    return adopted;
  }

  /** A deleted user belongs to no group: the deletion, its event and the removals in the enclosing transaction. */
  private async markDeleted(current: UserAccount, source: ChangeSource): Promise<UserAccount> {
    const deleted = await this.users.markDeleted(current.companyId, current.id);
    await this.outbox.append(current.companyId, source, userChangeEvents(current, deleted));
    await this.memberships.removeUserFromAllGroups(current.companyId, source, userSubject(deleted));
    return deleted;
  }

  private async lockUser(companyId: string, userId: string): Promise<UserAccount> {
    const current = await this.users.findByIdForUpdate(companyId, userId);
    if (!current) throw DomainException.notFound(`User ${userId}`);
    return current;
  }
}

/** The audit log's actor for a change made by `source`. */
export function auditActorOf(source: ChangeSource): { actorType: AuditActorType; actorId: string; actorEmail: string | null } {
  switch (source.type) {
    case 'admin':
      return { actorType: 'admin', actorId: source.adminId, actorEmail: source.email };
    case 'internal':
      return { actorType: 'service', actorId: source.service, actorEmail: null };
    case 'scim':
    case 'provisioning-api':
    case 'directory-sync':
      return { actorType: 'integration', actorId: source.integrationId, actorEmail: null };
    case 'system':
      return { actorType: 'system', actorId: source.job, actorEmail: null };
  }
}

function assertVersion(current: UserAccount, { expectedVersion }: WriteCondition): void {
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new DomainException(
      DomainErrorCode.PreconditionFailed,
      `User ${current.id} has changed: version ${current.version}, not ${expectedVersion}`,
    );
  }
}
