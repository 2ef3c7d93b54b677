import { DirectoryProvider } from '../common/auth/directory-provider';
import { UserProfile } from '../accounts/user-accounts.repository';

/** The source a snapshot speaks for: a directory integration of the company. */
export interface SnapshotSource {
  companyId: string;
  integrationId: string;
  provider: DirectoryProvider;
}

/** A user as the snapshot says it should be. */
export interface SnapshotUser {
  profile: UserProfile;
  active: boolean;
}

/**
 * A staged user as planning reads it: its keys, its wanted state and its profile's fingerprint, numbered by its place
 * in the snapshot (memberships find users by it); the profile itself is read only for the users a plan changes.
 */
export interface StagedUser {
  n: number;
  userName: string;
  /** The userName as the database compares it. */
  userNameKey: string;
  externalId: string | null;
  active: boolean;
  /** profileFingerprintSql of the wanted profile. */
  fingerprint: string;
}

/** A group as the snapshot says it should be; members come as memberships. */
export interface SnapshotGroup {
  displayName: string;
  externalId: string | null;
}

/**
 * One member of a group, by references to the snapshot's own items: the group by its externalId or displayName,
 * the user by its externalId or userName (either, any case for names).
 */
export interface SnapshotMembership {
  group: string;
  user: string;
}

export interface SnapshotPartContent {
  users: SnapshotUser[];
  groups: SnapshotGroup[];
  memberships: SnapshotMembership[];
}

/** What the client says it sent, checked before a commit: a truncated snapshot never applies. */
export interface SnapshotDeclaration {
  parts: number;
  users: number;
  groups?: number;
}
