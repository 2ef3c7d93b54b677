import { SnapshotPlannedDto, SnapshotResultDto, SnapshotUserChangeCountsDto } from './dto/snapshot-record.dto';
import { SyncOperation } from '../directory-integrations/entities/sync-log-entry.entity';
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

/** The step a snapshot request is, by its method and whether it names a snapshot: open, a part, the commit; reads none. */
export function snapshotOperationOf(method: string, snapshotId: unknown): SyncOperation | null {
  if (method === 'PUT') return SyncOperation.SnapshotPart;
  if (method !== 'POST') return null;
  return snapshotId === undefined ? SyncOperation.SnapshotOpen : SyncOperation.SnapshotCommit;
}

/** What a snapshot step's answer says it did: a part's counts, or the state a commit left the snapshot in. */
export function snapshotRequestDetail(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  if ('partNumber' in body) {
    const part = body as { partNumber: number; users: number; groups: number; memberships: number };
    return `part ${part.partNumber}: ${part.users} users, ${part.groups} groups, ${part.memberships} member references`;
  }
  return 'state' in body ? snapshotStepDetail(body as SnapshotOutcome) : null;
}
