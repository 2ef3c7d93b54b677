import type { Schemas } from '../api/api-client';

export type Snapshot = Schemas['SnapshotResponseDto'];
export type Planned = Schemas['SnapshotPlannedDto'];
export type Applied = Schemas['SnapshotResultDto'];

/** The difference a snapshot's last computation found (docs/directory-sync.md, "Dry run"); null before any. */
export function plannedOf(snapshot: Snapshot): Planned | null {
  return snapshot.planned ?? null;
}

/** What applying the snapshot did; null until it is applied. */
export function appliedOf(snapshot: Snapshot): Applied | null {
  return snapshot.result ?? null;
}

/** Users a plan takes access from: disabled by `active: false` plus deprovisioned, what the deletion guard counts. */
export function usersLosingAccess(planned: Planned): number {
  return planned.counts.users.disabled + planned.counts.users.deprovisioned;
}
