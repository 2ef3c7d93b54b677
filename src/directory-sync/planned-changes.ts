import { DeprovisionAction } from './entities/directory-sync-settings.entity';
import { SnapshotIssue, SnapshotPlan } from './snapshot-plan';

/** One change a plan would make, as a dry run and a held snapshot list it. */
export interface PlannedChange {
  action:
    | 'user.create'
    | 'user.update'
    | 'user.enable'
    | 'user.disable'
    | 'user.delete'
    | 'group.create'
    | 'group.update'
    | 'group.members'
    | 'group.delete'
    | 'issue';
  /** The userName or displayName concerned; for an issue, the item not applied. */
  target: string;
  /** The user or group changed; null for what is created. */
  id: string | null;
  /** For an issue, why the item is not applied. */
  detail?: string;
  /** For an issue, its kind when a client may act on it (SnapshotIssue's code). */
  code?: string;
}

/** Changes and issues listed in a snapshot's record, at most: the counts cover them all. */
export const LISTED_CHANGES = 100;

/** The plan's record: its counts, the share of users it takes access from, its first changes and issues. */
export function planRecord(plan: SnapshotPlan, deprovisionAction: DeprovisionAction): Record<string, unknown> {
  const changes = plannedChanges(plan, deprovisionAction, LISTED_CHANGES + 1).filter((change) => change.action !== 'issue');
  return {
    counts: plan.counts,
    removalPercent: Math.round(plan.removalPercent * 100) / 100,
    changes: changes.slice(0, LISTED_CHANGES),
    moreChanges: changes.length > LISTED_CHANGES,
    issues: firstIssues(plan.issues),
  };
}

export function firstIssues(issues: SnapshotIssue[]): SnapshotIssue[] {
  return issues.slice(0, LISTED_CHANGES);
}

/** The plan's changes in the order applying makes them (up to `limit`), then its issues. */
export function plannedChanges(plan: SnapshotPlan, deprovisionAction: DeprovisionAction, limit = Infinity): PlannedChange[] {
  const changes: PlannedChange[] = [];
  const add = (change: PlannedChange) => changes.length < limit && changes.push(change);
  for (const user of plan.creates) add({ action: 'user.create', target: user.userName, id: null });
  for (const update of plan.updates) {
    const target = update.user.userName;
    if (update.profileChanged) add({ action: 'user.update', target, id: update.userId });
    if (update.stateChange) add({ action: `user.${update.stateChange}`, target, id: update.userId });
  }
  for (const target of plan.groups) {
    const name = target.group.displayName;
    const id = target.existing?.id ?? null;
    if (!target.existing && target.nameTaken) continue;
    if (!target.existing) add({ action: 'group.create', target: name, id });
    if (target.attributesChanged && !target.nameTaken)
      add({ action: 'group.update', target: name, id, detail: `was ${target.existing!.displayName}` });
    if (target.addUsers.length + target.removeUserIds.length > 0) {
      add({ action: 'group.members', target: name, id, detail: `+${target.addUsers.length} -${target.removeUserIds.length}` });
    }
  }
  for (const group of plan.groupDeletes) add({ action: 'group.delete', target: group.displayName, id: group.id });
  for (const user of plan.deprovisions) {
    add({ action: deprovisionAction === 'delete' ? 'user.delete' : 'user.disable', target: user.userName, id: user.id });
  }
  for (const issue of plan.issues) {
    add({ action: 'issue', target: issue.item, id: null, detail: issue.problem, ...(issue.code ? { code: issue.code } : {}) });
  }
  return changes;
}
