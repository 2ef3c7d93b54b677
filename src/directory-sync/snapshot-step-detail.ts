import { SnapshotState } from './entities/directory-snapshot.entity';

/** What the sync log says of a snapshot after a step: its state and the counts that matter for it. */
export interface SnapshotOutcome {
  state: SnapshotState;
  reason: string | null;
  planned: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
}

interface UserCounts {
  created?: number;
  updated?: number;
  enabled?: number;
  disabled?: number;
  deprovisioned?: number;
}

/** One line for a snapshot's sync-log entry, e.g. "applied: 4 created, 9 updated, 2 deprovisioned; 1 failed". */
export function snapshotStepDetail(snapshot: SnapshotOutcome): string {
  switch (snapshot.state) {
    case SnapshotState.Applied: {
      const applied = (snapshot.result?.applied as { users?: UserCounts } | undefined)?.users ?? {};
      return `applied: ${userCounts(applied)}; ${Number(snapshot.result?.failed ?? 0)} failed`;
    }
    case SnapshotState.Open: {
      if (!snapshot.planned) return 'open';
      const counts = snapshot.planned.counts as { users?: UserCounts; issues?: number } | undefined;
      return `dry run: ${userCounts(counts?.users ?? {})}; ${counts?.issues ?? 0} issues`;
    }
    default:
      return snapshot.reason ? `${snapshot.state}: ${snapshot.reason}` : snapshot.state;
  }
}

function userCounts(users: UserCounts): string {
  const parts = (['created', 'updated', 'enabled', 'disabled', 'deprovisioned'] as const).map((key) => `${users[key] ?? 0} ${key}`);
  return `users ${parts.join(', ')}`;
}
