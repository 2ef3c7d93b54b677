/**
 * One change to a group, applied in order within one transaction. Membership changes name user ids and run
 * as set-based statements: the members of a group are never loaded to apply them.
 */
export type GroupChange =
  | { kind: 'setDisplayName'; value: string }
  | { kind: 'setExternalId'; value: string | null }
  | { kind: 'addMembers'; userIds: string[] }
  | { kind: 'removeMembers'; userIds: string[] }
  | { kind: 'removeAllMembers' }
  | { kind: 'replaceMembers'; userIds: string[] };

/** What a create or a full replace sets. */
export interface GroupDefinition {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

export interface GroupWriteCondition {
  /** The version the caller last saw (If-Match); a different current version fails the write. */
  expectedVersion?: number;
}
