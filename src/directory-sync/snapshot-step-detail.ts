import { SnapshotPlannedDto, SnapshotResultDto, SnapshotUserChangeCountsDto } from './dto/snapshot-record.dto';
import { SnapshotState } from './entities/directory-snapshot.entity';

/** What the sync log says of a snapshot after a step: its state and the counts that matter for it. */
export interface SnapshotOutcome {
  state: SnapshotState;
  reason: string | null;
  planned: SnapshotPlannedDto | null;
  result: SnapshotResultDto | null;
}

/** One line for a snapshot's sync-log entry, e.g. "applied: 4 created, 9 updated, 2 deprovisioned; 1 failed". */
export function snapshotStepDetail(snapshot: SnapshotOutcome): string {
  switch (snapshot.state) {
    case SnapshotState.Applied: {
      const applied = snapshot.result?.applied.users;
      return `applied: ${userCounts(applied)}; ${snapshot.result?.failed ?? 0} failed`;
    }
    case SnapshotState.Open: {
      if (!snapshot.planned) return 'open';
      const counts = snapshot.planned.counts;
      return `dry run: ${userCounts(counts.users)}; ${counts.issues} issues`;
    }
    default:
      return snapshot.reason ? `${snapshot.state}: ${snapshot.reason}` : snapshot.state;
  }
}

function userCounts(users: SnapshotUserChangeCountsDto | undefined): string {
  const parts = (['created', 'updated', 'enabled', 'disabled', 'deprovisioned'] as const).map((key) => `${users?.[key] ?? 0} ${key}`);
  return `users ${parts.join(', ')}`;
}
