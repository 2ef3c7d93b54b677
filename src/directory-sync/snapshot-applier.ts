import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { UserAccount } from '../accounts/entities/user-account.entity';
import { ChangeSource, ChangeSources } from '../common/auth/change-source';
import { DomainException } from '../common/errors/domain.exception';
import { GroupChange } from '../groups/group-change';
import { GroupsService } from '../groups/groups.service';
import { DeprovisionAction } from './entities/directory-sync-settings.entity';
import { SnapshotSource, SnapshotUser, StagedUser } from './snapshot-items';
import { GroupTarget, SnapshotIssue, SnapshotPlan, UserUpdate } from './snapshot-plan';
import { SnapshotStagingRepository } from './snapshot-staging.repository';

/** Users created per statement (and staged profiles read per statement), members added or removed per group change. */
const USER_BATCH = 1000;
const MEMBER_BATCH = 5000;
/** User changes in flight at once: each is a short transaction of its own, so a few overlap on the pool. */
const USER_CHANGES_IN_FLIGHT = 4;

export interface AppliedCounts {
  users: { created: number; updated: number; enabled: number; disabled: number; deprovisioned: number };
  groups: { created: number; updated: number; deleted: number; membersAdded: number; membersRemoved: number };
}

export interface ApplyResult {
  applied: AppliedCounts;
  /** Items the services refused (a userName taken meanwhile, another source's user): the rest still applied. */
  failures: SnapshotIssue[];
}

/**
 * Applies a plan through AccountsService and GroupsService, so that every change writes its events like any other
 * source's: users first (groups need their ids), then groups, then deprovisioning. Each change is its own
 * transaction; an item a service refuses is reported and the others go on. Running a plan again finds nothing to do.
 */
@Injectable()
export class SnapshotApplier {
  constructor(
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
    private readonly staging: SnapshotStagingRepository,
  ) {}

  async apply(source: SnapshotSource, snapshotId: string, plan: SnapshotPlan, deprovisionAction: DeprovisionAction): Promise<ApplyResult> {
    const run = new ApplyRun(
      source,
      snapshotId,
      ChangeSources.directorySync(source.integrationId, source.provider, snapshotId),
      plan.userIds,
    );
    // The plan's conflicts are the errors of their items: the rest applies.
    run.failures.push(...plan.issues.filter((issue) => issue.code !== undefined));
    await this.createUsers(run, plan);
    await this.updateUsers(run, plan.updates);
    for (const target of plan.groups) await this.applyGroup(run, target);
    for (const group of plan.groupDeletes) {
      if (await run.attempt(`group ${group.displayName}`, () => this.groups.deleteGroup(run.companyId, run.changeSource, group.id))) {
        run.counts.groups.deleted++;
      }
    }
    await inFlight(plan.deprovisions, async (user) => {
      const done = await run.attempt(`user ${user.userName}`, () =>
        deprovisionAction === 'delete'
          ? this.accounts.deleteUser(run.companyId, run.changeSource, user.id)
          : this.accounts.changeUser(run.companyId, run.changeSource, user.id, (current) => ({
              profile: profileOf(current),
              active: false,
            })),
      );
      if (done) run.counts.users.deprovisioned++;
    });
    return { applied: run.counts, failures: run.failures };
  }

  private async createUsers(run: ApplyRun, plan: SnapshotPlan): Promise<void> {
    for (let start = 0; start < plan.creates.length; start += USER_BATCH) {
      const batch = plan.creates.slice(start, start + USER_BATCH);
      const wanted = await this.stagedUsers(run, batch);
      const created = await this.accounts.createUsers(run.companyId, run.changeSource, batch.map(wanted));
      created.forEach((user, index) => {
        const staged = batch[index];
        if (user) {
          run.userIds.set(staged.n, user.id);
          run.counts.users.created++;
        } else run.failures.push({ item: `user ${staged.userName}`, problem: 'userName belongs to another user' });
      });
    }
  }

  /** Each update its own transaction, a few at a time, the wanted profiles read a batch at a time. */
  private async updateUsers(run: ApplyRun, updates: UserUpdate[]): Promise<void> {
    for (let start = 0; start < updates.length; start += USER_BATCH) {
      const batch = updates.slice(start, start + USER_BATCH);
      const wanted = await this.stagedUsers(
        run,
        batch.map((update) => update.user),
      );
      await inFlight(batch, async (update) => {
        const done = await run.attempt(`user ${update.user.userName}`, () =>
          this.accounts.changeUser(run.companyId, run.changeSource, update.userId, () => wanted(update.user)),
        );
        if (!done) return;
        if (update.profileChanged) run.counts.users.updated++;
        if (update.stateChange === 'enable') run.counts.users.enabled++;
        if (update.stateChange === 'disable') run.counts.users.disabled++;
      });
    }
  }

  /** The staged profiles and states of these users, read in one statement. */
  private async stagedUsers(run: ApplyRun, users: StagedUser[]): Promise<(user: StagedUser) => SnapshotUser> {
    const byKey = await this.staging.usersByKeys(
      run.companyId,
      run.snapshotId,
      users.map((user) => user.userNameKey),
    );
    return (user) => {
      const staged = byKey.get(user.userNameKey);
      // The staged rows stay until the snapshot is applied or rejected, under the snapshot's applying state.
      if (!staged) throw new Error(`Staged user ${user.userName} of snapshot ${run.snapshotId} is gone`);
      return staged;
    };
  }

  private async applyGroup(run: ApplyRun, target: GroupTarget): Promise<void> {
    const item = `group ${target.group.displayName}`;
    const addIds = target.addUsers.flatMap((n) => {
      const id = run.userIds.get(n);
      return id === undefined ? [] : [id];
    });
    let groupId = target.existing?.id;
    const firstChanges: GroupChange[] = [];
    if (groupId === undefined && target.nameTaken) return;
    if (groupId === undefined) {
      const created = await run.attempt(item, () =>
        this.groups.createGroup(run.companyId, run.changeSource, { ...target.group, memberIds: addIds.slice(0, MEMBER_BATCH) }),
      );
      if (!created) return;
      groupId = created.id;
      run.counts.groups.created++;
      run.counts.groups.membersAdded += Math.min(addIds.length, MEMBER_BATCH);
      addIds.splice(0, MEMBER_BATCH);
    } else if (target.attributesChanged && !target.nameTaken) {
      firstChanges.push(
        { kind: 'setDisplayName', value: target.group.displayName },
        { kind: 'setExternalId', value: target.group.externalId },
      );
    }
    const batches: GroupChange[][] = [firstChanges];
    for (let start = 0; start < addIds.length; start += MEMBER_BATCH) {
      batches.push([{ kind: 'addMembers', userIds: addIds.slice(start, start + MEMBER_BATCH) }]);
    }
    for (let start = 0; start < target.removeUserIds.length; start += MEMBER_BATCH) {
      batches.push([{ kind: 'removeMembers', userIds: target.removeUserIds.slice(start, start + MEMBER_BATCH) }]);
    }
    for (const changes of batches.filter((batch) => batch.length > 0)) {
      const id = groupId;
      if (!(await run.attempt(item, () => this.groups.changeGroup(run.companyId, run.changeSource, id, changes)))) return;
      for (const change of changes) {
        if (change.kind === 'setDisplayName') run.counts.groups.updated++;
        if (change.kind === 'addMembers') run.counts.groups.membersAdded += change.userIds.length;
        if (change.kind === 'removeMembers') run.counts.groups.membersRemoved += change.userIds.length;
      }
    }
  }
}

/** The state of one application: what was done, what was refused, the ids of the snapshot's users. */
class ApplyRun {
  readonly companyId: string;
  readonly counts: AppliedCounts = {
    users: { created: 0, updated: 0, enabled: 0, disabled: 0, deprovisioned: 0 },
    groups: { created: 0, updated: 0, deleted: 0, membersAdded: 0, membersRemoved: 0 },
  };
  readonly failures: SnapshotIssue[] = [];

  constructor(
    source: SnapshotSource,
    readonly snapshotId: string,
    readonly changeSource: ChangeSource,
    readonly userIds: Map<number, string>,
  ) {
    this.companyId = source.companyId;
  }

  /** Runs one change; a refusal by the domain (DomainException) is recorded as the item's failure. */
  async attempt<T>(item: string, change: () => Promise<T>): Promise<T | null> {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      this.failures.push({ item, problem: error.message });
      return null;
    }
  }
}

/** Runs `work` on every item, USER_CHANGES_IN_FLIGHT at a time. */
async function inFlight<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(USER_CHANGES_IN_FLIGHT, items.length) }, worker));
}

function profileOf(user: UserAccount): {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  attributes: Record<string, unknown>;
} {
  return { userName: user.userName, externalId: user.externalId, displayName: user.displayName, attributes: user.attributes };
}
