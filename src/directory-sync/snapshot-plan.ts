import { UserState } from '../accounts/entities/user-account.entity';
import { ManagedUser, UserNameHolders } from '../accounts/user-accounts.repository';
import { isActiveState } from '../accounts/user-lifecycle';
import { Group } from '../groups/entities/group.entity';
import { DeprovisionAction } from './entities/directory-sync-settings.entity';
import { SnapshotGroup, SnapshotMembership, StagedUser } from './snapshot-items';

export interface UserUpdate {
  userId: string;
  user: StagedUser;
  profileChanged: boolean;
  /** The lifecycle change the wanted `active` flag asks for, if any. */
  stateChange: 'enable' | 'disable' | null;
}

export interface GroupTarget {
  group: SnapshotGroup;
  /** The managed group it matched; null: it is created. */
  existing: Group | null;
  attributesChanged: boolean;
  /** Members to add, as snapshot users (whose ids may come from their creation). */
  addUsers: number[];
  removeUserIds: string[];
  /**
   * Another group of the company (which the source does not manage) has the displayName: a new group is not
   * created, an existing one keeps its name (its membership still applies). The conflict is among the issues.
   */
  nameTaken: boolean;
}

/** A snapshot item that is not applied, and why; the rest of the snapshot is. */
export interface SnapshotIssue {
  item: string;
  problem: string;
  /** The kind of a conflict a client may act on, e.g. managed_by_another_source. */
  code?: string;
}

export interface SnapshotPlan {
  /** The ids of the snapshot users that matched a managed user, by their position in the snapshot. */
  userIds: Map<number, string>;
  creates: StagedUser[];
  updates: UserUpdate[];
  deprovisions: ManagedUser[];
  groups: GroupTarget[];
  groupDeletes: Group[];
  issues: SnapshotIssue[];
  counts: PlanCounts;
  /** Managed users that would lose access (disabled or deprovisioned), in percent of those the source manages. */
  removalPercent: number;
}

export interface PlanCounts {
  users: {
    managed: number;
    created: number;
    updated: number;
    enabled: number;
    disabled: number;
    deprovisioned: number;
    unchanged: number;
  };
  groups: { managed: number; created: number; updated: number; deleted: number; membersAdded: number; membersRemoved: number };
  issues: number;
}

export interface PlanInput {
  /** Every staged user, at its number. */
  users: StagedUser[];
  /** The managed user each staged user matched (matchStagedUsers), at its number. */
  matches: (ManagedUser | null)[];
  managedUsers: ManagedUser[];
  /** Who holds the userNames of the staged users that matched none (another source's users, unmanaged ones). */
  userNameHolders: UserNameHolders;
  deprovisionAction: DeprovisionAction;
  groups: SnapshotGroup[];
  managedGroups: Group[];
  /** The current member ids of each managed group a snapshot group matched. */
  currentMembers: Map<string, Set<string>>;
  memberships: SnapshotMembership[];
  /** Groups of the company the source does not manage whose displayName is one of the snapshot's. */
  groupsNamedOutside: Group[];
}

/** The kinds of conflict an issue has when it comes from ownership or a unique name. */
export const MANAGED_BY_ANOTHER_SOURCE = 'managed_by_another_source';
export const ALREADY_EXISTS = 'already_exists';

/**
 * The managed user each staged user matches, at its number: the one with its externalId, else the one with its
 * userName (any case); null when none. Matching in memory keeps a snapshot's cost linear, whatever the planner's
 * statistics say about tables a snapshot has just filled.
 */
export function matchStagedUsers(users: StagedUser[], managedUsers: ManagedUser[]): (ManagedUser | null)[] {
  const byExternalId = new Map<string, ManagedUser>();
  const byUserNameKey = new Map<string, ManagedUser>();
  for (const user of managedUsers) {
    if (user.externalId !== null && !byExternalId.has(user.externalId)) byExternalId.set(user.externalId, user);
    byUserNameKey.set(user.userNameKey, user);
  }
  return users.map(
    (user) => (user.externalId !== null ? byExternalId.get(user.externalId) : undefined) ?? byUserNameKey.get(user.userNameKey) ?? null,
  );
}

/**
 * The difference between what a snapshot says and what its source manages: users as matchStagedUsers matched them,
 * groups by externalId, then displayName; exact membership.
 */
export function planSnapshot(input: PlanInput): SnapshotPlan {
  const issues: SnapshotIssue[] = [];
  const creates: StagedUser[] = [];
  const updates: UserUpdate[] = [];
  const userIdOf = new Map<number, string>();
  const created = new Set<number>();
  const matchedIds = new Set<string>();
  let unchanged = 0;
  for (const user of input.users) {
    const match = input.matches[user.n];
    if (match === null) {
      if (input.userNameHolders.has(user.userNameKey))
        issues.push({
          item: `user ${user.userName}`,
          problem: `userName belongs to a user ${managerOf(input.userNameHolders.get(user.userNameKey) ?? null)}: this source does not manage it`,
          code: MANAGED_BY_ANOTHER_SOURCE,
        });
      else {
        creates.push(user);
        created.add(user.n);
      }
      continue;
    }
    if (matchedIds.has(match.id)) {
      issues.push({ item: `user ${user.userName}`, problem: 'matches the same user as another item of the snapshot' });
      continue;
    }
    matchedIds.add(match.id);
    userIdOf.set(user.n, match.id);
    const stateChange = stateChangeOf(match.state, user.active);
    const sameProfile = match.fingerprint === user.fingerprint;
    if (sameProfile && stateChange === null) unchanged++;
    else updates.push({ userId: match.id, user, profileChanged: !sameProfile, stateChange });
  }
  const deprovisions = input.managedUsers.filter(
    (user) => !matchedIds.has(user.id) && (input.deprovisionAction === 'delete' || user.state !== UserState.Disabled),
  );

  const { groups, groupDeletes } = planGroups(input, userIdOf, created, issues);
  const disabled = updates.filter((update) => update.stateChange === 'disable').length;
  const removals = disabled + deprovisions.filter((user) => isActiveState(user.state)).length;
  const applicable = groups.filter((target) => target.existing !== null || !target.nameTaken);
  return {
    userIds: userIdOf,
    creates,
    updates,
    deprovisions,
    groups,
    groupDeletes,
    issues,
    removalPercent: input.managedUsers.length === 0 ? 0 : (removals * 100) / input.managedUsers.length,
    counts: {
      users: {
        managed: input.managedUsers.length,
        created: creates.length,
        updated: updates.filter((update) => update.profileChanged).length,
        enabled: updates.filter((update) => update.stateChange === 'enable').length,
        disabled,
        deprovisioned: deprovisions.length,
        unchanged,
      },
      groups: {
        managed: input.managedGroups.length,
        created: groups.filter((target) => target.existing === null && !target.nameTaken).length,
        updated: groups.filter((target) => target.attributesChanged && !target.nameTaken).length,
        deleted: groupDeletes.length,
        membersAdded: applicable.reduce((sum, target) => sum + target.addUsers.length, 0),
        membersRemoved: applicable.reduce((sum, target) => sum + target.removeUserIds.length, 0),
      },
      issues: issues.length,
    },
  };
}

function managerOf(provider: string | null): string {
  return provider === null ? 'no directory integration manages' : `the ${provider} directory integration manages`;
}

function stateChangeOf(state: UserState, active: boolean): UserUpdate['stateChange'] {
  if (active && state === UserState.Disabled) return 'enable';
  if (!active && isActiveState(state)) return 'disable';
  return null;
}

function planGroups(
  input: PlanInput,
  userIdOf: Map<number, string>,
  created: Set<number>,
  issues: SnapshotIssue[],
): { groups: GroupTarget[]; groupDeletes: Group[] } {
  const managedByExternalId = new Map(input.managedGroups.flatMap((group) => (group.externalId ? [[group.externalId, group]] : [])));
  const managedByName = new Map(input.managedGroups.map((group) => [group.displayName.toLowerCase(), group]));
  const takenBy = new Map(input.groupsNamedOutside.map((group) => [group.displayName.toLowerCase(), group]));
  const matched = new Set<string>();
  const targets = input.groups.map((group) => {
    const candidate =
      (group.externalId !== null ? managedByExternalId.get(group.externalId) : undefined) ??
      managedByName.get(group.displayName.toLowerCase());
    const existing = candidate && !matched.has(candidate.id) ? candidate : null;
    if (existing) matched.add(existing.id);
    const taker = takenBy.get(group.displayName.toLowerCase());
    const nameTaken = taker !== undefined && existing?.displayName.toLowerCase() !== group.displayName.toLowerCase();
    if (taker && nameTaken) {
      issues.push({
        item: `group ${group.displayName}`,
        problem:
          `displayName belongs to a group ${managerOf(taker.integrationId === null ? null : taker.integrationProvider)}: ` +
          (existing ? `${existing.displayName} keeps its name` : 'not created'),
        code: ALREADY_EXISTS,
      });
    }
    return {
      group,
      existing,
      attributesChanged: existing !== null && (existing.displayName !== group.displayName || existing.externalId !== group.externalId),
      addUsers: [] as number[],
      removeUserIds: [] as string[],
      nameTaken,
    };
  });

  const wanted = wantedMembers(input, targets, issues);
  for (const [index, target] of targets.entries()) {
    if (target.existing === null && target.nameTaken) continue;
    const members = wanted.get(index) ?? new Set<number>();
    const current = target.existing ? (input.currentMembers.get(target.existing.id) ?? new Set<string>()) : new Set<string>();
    const keep = new Set<string>();
    for (const n of members) {
      const userId = userIdOf.get(n);
      if (userId !== undefined) {
        keep.add(userId);
        if (!current.has(userId)) target.addUsers.push(n);
      } else if (created.has(n)) target.addUsers.push(n);
      else issues.push({ item: `group ${target.group.displayName}`, problem: `member ${input.users[n].userName} is not applied` });
    }
    target.removeUserIds = [...current].filter((userId) => !keep.has(userId));
  }
  return { groups: targets, groupDeletes: input.managedGroups.filter((group) => !matched.has(group.id)) };
}

/** The snapshot users each group should hold, by group index; references to nothing in the snapshot are issues. */
function wantedMembers(input: PlanInput, targets: GroupTarget[], issues: SnapshotIssue[]): Map<number, Set<number>> {
  const groupByExternalId = new Map(
    targets.flatMap((target, index) => (target.group.externalId ? [[target.group.externalId, index]] : [])),
  );
  const groupByName = new Map(targets.map((target, index) => [target.group.displayName.toLowerCase(), index]));
  const userByExternalId = new Map(input.users.flatMap((user) => (user.externalId ? [[user.externalId, user.n]] : [])));
  const userByName = new Map(input.users.map((user) => [user.userName.toLowerCase(), user.n]));
  const wanted = new Map<number, Set<number>>();
  const unknownGroups = new Set<string>();
  const unknownUsers = new Set<string>();
  for (const membership of input.memberships) {
    const group = groupByExternalId.get(membership.group) ?? groupByName.get(membership.group.toLowerCase());
    const user = userByExternalId.get(membership.user) ?? userByName.get(membership.user.toLowerCase());
    if (group === undefined) unknownGroups.add(membership.group);
    else if (user === undefined) unknownUsers.add(membership.user);
    else {
      const members = wanted.get(group) ?? new Set<number>();
      members.add(user);
      wanted.set(group, members);
    }
  }
  for (const group of unknownGroups)
    issues.push({ item: `membership of ${group}`, problem: 'no group of the snapshot has this externalId or displayName' });
  for (const user of unknownUsers)
    issues.push({ item: `member ${user}`, problem: 'no user of the snapshot has this externalId or userName' });
  return wanted;
}
