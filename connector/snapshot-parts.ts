import { DirectorySnapshot } from './directory-snapshot';

/** Users per part: well inside the service's 1 MB body limit and its 5,000 users a part. */
const USERS_PER_PART = 1000;
const GROUPS_PER_PART = 1000;
/** Member references per part, in memberships (about 40 bytes each in JSON). */
const REFERENCES_PER_PART = 15_000;

export interface SnapshotPart {
  users?: DirectorySnapshot['users'];
  groups?: { displayName: string; externalId: string }[];
  memberships?: { group: string; members: string[] }[];
}

/** The snapshot in parts: users, then groups, then their members in memberships, each part within the limits. */
export function toParts(snapshot: DirectorySnapshot): SnapshotPart[] {
  const parts: SnapshotPart[] = [];
  for (let start = 0; start < snapshot.users.length; start += USERS_PER_PART) {
    parts.push({ users: snapshot.users.slice(start, start + USERS_PER_PART) });
  }
  for (let start = 0; start < snapshot.groups.length; start += GROUPS_PER_PART) {
    const groups = snapshot.groups.slice(start, start + GROUPS_PER_PART);
    parts.push({ groups: groups.map(({ displayName, externalId }) => ({ displayName, externalId })) });
  }
  let memberships: NonNullable<SnapshotPart['memberships']> = [];
  let references = 0;
  for (const group of snapshot.groups) {
    for (let start = 0; start < group.members.length;) {
      const members = group.members.slice(start, start + REFERENCES_PER_PART - references);
      memberships.push({ group: group.externalId, members });
      references += members.length;
      start += members.length;
      if (references >= REFERENCES_PER_PART) {
        parts.push({ memberships });
        memberships = [];
        references = 0;
      }
    }
  }
  if (memberships.length > 0) parts.push({ memberships });
  return parts;
}
