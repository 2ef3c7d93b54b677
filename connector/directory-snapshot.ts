/** What the agent sends, in the shapes of the service's snapshot parts (/api/connector/v1/snapshots). */
export interface SnapshotUser {
  userName: string;
  externalId: string;
  email?: string;
  displayName?: string;
  active: boolean;
  name?: { givenName?: string; familyName?: string };
  title?: string;
  enterprise?: { department?: string; manager?: { value: string; displayName?: string } };
}

export interface SnapshotGroup {
  displayName: string;
  externalId: string;
  /** Each member by its externalId: every user of the group, nested groups expanded. */
  members: string[];
}

export interface DirectorySnapshot {
  users: SnapshotUser[];
  groups: SnapshotGroup[];
}
