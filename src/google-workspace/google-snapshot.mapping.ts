import { SnapshotGroup, SnapshotMembership, SnapshotUser } from '../directory-sync/snapshot-items';
import { ExpandedGroup } from './directory-groups.reader';
import { DirectoryUser } from './google-directory.client';
import { GoogleScopeKind } from './entities/google-workspace-connection.entity';

/** Which users of the directory a run syncs. */
export interface UserScope {
  kind: GoogleScopeKind;
  /** Org unit paths (org_units); a user of a unit below one is in scope too. */
  orgUnits: string[];
  /** Ids of the chosen groups' users (groups), unless a chosen group holds the whole domain. */
  groupUserIds: Set<string>;
  everyone: boolean;
}

export function inScope(user: DirectoryUser, scope: UserScope): boolean {
  if (!user.id || !user.primaryEmail) return false;
  switch (scope.kind) {
    case 'all':
      return true;
    case 'groups':
      return scope.everyone || scope.groupUserIds.has(user.id);
    case 'org_units': {
      const path = user.orgUnitPath ?? '/';
      return scope.orgUnits.some((unit) => unit === '/' || path === unit || path.startsWith(`${unit}/`));
    }
  }
}

/**
 * A Google user as the snapshot engine takes it: primaryEmail is the userName and the primary work email, the
 * Google id the externalId; a suspended or archived user is disabled.
 */
export function toSnapshotUser(user: DirectoryUser): SnapshotUser {
  const name: Record<string, string> = {};
  if (user.name?.givenName) name.givenName = user.name.givenName;
  if (user.name?.familyName) name.familyName = user.name.familyName;
  if (user.name?.fullName) name.formatted = user.name.fullName;
  const attributes: Record<string, unknown> = { emails: [{ value: user.primaryEmail, type: 'work', primary: true }] };
  if (Object.keys(name).length > 0) attributes.name = name;
  return {
    profile: {
      userName: user.primaryEmail!,
      externalId: user.id!,
      displayName: user.name?.fullName ?? null,
      attributes,
    },
    active: !(user.suspended ?? false) && !(user.archived ?? false),
  };
}

/**
 * The groups and their memberships among the users the snapshot holds. Google allows two groups one name; the
 * engine matches groups by externalId but wants displayNames unique, so a repeated name gets the group's email.
 */
export function toSnapshotGroups(
  groups: ExpandedGroup[],
  userIds: string[],
): { groups: SnapshotGroup[]; memberships: SnapshotMembership[] } {
  const synced = new Set(userIds);
  const taken = new Set<string>();
  const snapshotGroups: SnapshotGroup[] = [];
  const memberships: SnapshotMembership[] = [];
  for (const group of groups) {
    let displayName = group.name;
    if (taken.has(displayName.toLowerCase())) displayName = `${group.name} (${group.email})`;
    taken.add(displayName.toLowerCase());
    snapshotGroups.push({ displayName, externalId: group.id });
    const members = group.everyone ? userIds : [...group.userIds].filter((id) => synced.has(id));
    for (const user of members) memberships.push({ group: group.id, user });
  }
  return { groups: snapshotGroups, memberships };
}
