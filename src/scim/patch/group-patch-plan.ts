/**
 * What a Group PATCH changes, in order, for a repository to run as statements: membership is never
 * loaded into memory, since a group can have 100,000 members.
 */
export type GroupPatchStep =
  | { kind: 'setDisplayName'; value: string }
  | { kind: 'setExternalId'; value: string | null }
  | { kind: 'addMembers'; userIds: string[] }
  | { kind: 'removeMembers'; userIds: string[] }
  | { kind: 'removeAllMembers' }
  | { kind: 'replaceMembers'; userIds: string[] };

export type GroupPatchPlan = GroupPatchStep[];
