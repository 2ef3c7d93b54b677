import type { Schemas } from '../api/api-client';

export type Snapshot = Schemas['SnapshotResponseDto'];

interface UserCounts {
  managed: number;
  created: number;
  updated: number;
  enabled: number;
  disabled: number;
  deprovisioned: number;
  unchanged: number;
}

interface GroupCounts {
  managed: number;
  created: number;
  updated: number;
  deleted: number;
  membersAdded: number;
  membersRemoved: number;
}

export interface PlannedChange {
  action: string;
  target: string;
  id: string | null;
  detail?: string;
}

export interface SnapshotIssue {
  item: string;
  problem: string;
}

/** A snapshot's `planned` record (docs/directory-sync.md, "Dry run"): the OpenAPI document gives it as a free-form object. */
export interface Planned {
  counts: { users: UserCounts; groups: GroupCounts; issues: number };
  removalPercent: number;
  changes: PlannedChange[];
  moreChanges: boolean;
  issues: SnapshotIssue[];
}

/** A snapshot's `result` once applied: what was done and the items the services refused. */
export interface Applied {
  applied: { users: Omit<UserCounts, 'managed' | 'unchanged'>; groups: Omit<GroupCounts, 'managed'> };
  failed: number;
  failures: SnapshotIssue[];
}

export function plannedOf(snapshot: Snapshot): Planned | null {
  const planned = snapshot.planned as Partial<Planned> | null;
  return planned?.counts ? (planned as Planned) : null;
}

export function appliedOf(snapshot: Snapshot): Applied | null {
  const result = snapshot.result as Partial<Applied> | null;
  return result?.applied ? (result as Applied) : null;
}

/** Users a plan takes access from: disabled by `active: false` plus deprovisioned, what the deletion guard counts. */
export function usersLosingAccess(planned: Planned): number {
  return planned.counts.users.disabled + planned.counts.users.deprovisioned;
}
