import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditLogService } from '../audit/audit-log.service';
import { AdminPrincipal } from '../common/auth/admin-principal';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { AppConfiguration } from '../config/configuration';
import { TransactionHost } from '../database/transaction-host';
import { DirectorySnapshot, SnapshotState } from './entities/directory-snapshot.entity';
import { DirectorySnapshotsRepository, SnapshotListQuery, SnapshotRecord } from './directory-snapshots.repository';
import { DirectorySyncSettingsService, SourceSettings } from './directory-sync-settings.service';
import { firstIssues, plannedChanges, planRecord } from './planned-changes';
import { SnapshotApplier } from './snapshot-applier';
import { PositionedChange, SnapshotChangesRepository } from './snapshot-changes.repository';
import { SnapshotDeclaration, SnapshotPartContent, SnapshotSource } from './snapshot-items';
import { SnapshotPlan } from './snapshot-plan';
import { SnapshotPlanner } from './snapshot-planner';
import { DuplicateItemException, PartSummary, SnapshotStagingRepository } from './snapshot-staging.repository';

/** Items named in an error about duplicates, at most. */
const NAMED_DUPLICATES = 10;

interface Decision {
  adminId: string;
  email: string | null;
}

/**
 * Directory snapshots: a source opens one, uploads its parts, and commits it; the commit computes the difference
 * against what the source manages and applies it (or only returns it: a dry run), unless it would take access from
 * more of the source's users than its settings allow: then it is held until an admin confirms or rejects it.
 */
@Injectable()
export class DirectorySnapshotsService {
  private readonly expiryMs: number;

  constructor(
    private readonly snapshots: DirectorySnapshotsRepository,
    private readonly staging: SnapshotStagingRepository,
    private readonly changes: SnapshotChangesRepository,
    private readonly planner: SnapshotPlanner,
    private readonly applier: SnapshotApplier,
    private readonly settings: DirectorySyncSettingsService,
    private readonly auditLog: AuditLogService,
    private readonly transactions: TransactionHost,
    config: ConfigService<AppConfiguration, true>,
  ) {
    this.expiryMs = config.get('directorySync', { infer: true }).snapshotExpiryMs;
  }

  async open(source: SnapshotSource): Promise<DirectorySnapshot> {
    return this.snapshots.insert(source.companyId, source.integrationId, source.provider, this.expiryMs);
  }

  /**
   * Stages a part; the same part number again replaces it. A userName, externalId or group may be in one part only:
   * the staged rows' unique keys refuse a duplicate, and only then are the duplicates looked up to be named.
   */
  async uploadPart(source: SnapshotSource, snapshotId: string, partNumber: number, content: SnapshotPartContent): Promise<PartSummary> {
    assertNoDuplicates(content);
    return this.transactions.run(async () => {
      const snapshot = await this.lockOwned(source, snapshotId, 'FOR SHARE');
      assertOpen(snapshot);
      try {
        return await this.staging.replacePart(source.companyId, snapshotId, partNumber, content);
      } catch (error) {
        if (!(error instanceof DuplicateItemException)) throw error;
        const duplicates = await this.staging.duplicatesInOtherParts(source.companyId, snapshotId, partNumber, content, NAMED_DUPLICATES);
        if (duplicates.length === 0) throw error;
        const named = duplicates.map((duplicate) => `${duplicate.item} (part ${duplicate.partNumber})`).join(', ');
        throw new DomainException(DomainErrorCode.InvalidInput, `Already in another part of the snapshot: ${named}`);
      }
    });
  }

  async partsOf(source: SnapshotSource, snapshotId: string): Promise<PartSummary[]> {
    await this.getOwned(source, snapshotId);
    return this.staging.parts(source.companyId, snapshotId);
  }

  async getOwned(source: SnapshotSource, snapshotId: string): Promise<DirectorySnapshot> {
    const snapshot = await this.snapshots.findById(source.companyId, snapshotId);
    if (!snapshot || snapshot.integrationId !== source.integrationId) throw DomainException.notFound(`Snapshot ${snapshotId}`);
    return snapshot;
  }

  /**
   * Checks the snapshot is whole (the declared parts and totals are what was uploaded; never empty), computes its
   * difference and applies it, holds it, or (dryRun) records and returns it only. Committing an applied or held
   * snapshot again changes nothing and answers its record.
   */
  async commit(source: SnapshotSource, snapshotId: string, declaration: SnapshotDeclaration, dryRun: boolean): Promise<DirectorySnapshot> {
    const started = Date.now();
    const snapshot = await this.transactions.run(async () => {
      const current = await this.lockOwned(source, snapshotId);
      if (current.state === SnapshotState.Applied || current.state === SnapshotState.Held) return null;
      assertOpen(current);
      assertWhole(await this.staging.parts(source.companyId, snapshotId), declaration);
      if (dryRun) return current;
      return this.startApplying(current);
    });
    if (!snapshot) return this.getOwned(source, snapshotId);
    const settings = await this.settings.get(source.companyId, source.integrationId);
    const plan = await this.planOrFail(source, snapshot, settings, dryRun);
    if (dryRun) return this.recordPlan(snapshot, SnapshotState.Open, plan, settings);
    if (plan.removalPercent > settings.maxDeletePercent) {
      return this.recordPlan(snapshot, SnapshotState.Held, plan, settings, {
        reason: guardReason(plan, settings),
        expiresInMs: this.expiryMs,
      });
    }
    return this.apply(source, snapshot, plan, settings, started);
  }

  async get(companyId: string, snapshotId: string): Promise<DirectorySnapshot> {
    const snapshot = await this.snapshots.findById(companyId, snapshotId);
    if (!snapshot) throw DomainException.notFound(`Snapshot ${snapshotId}`);
    return snapshot;
  }

  async list(companyId: string, query: SnapshotListQuery): Promise<DirectorySnapshot[]> {
    return this.snapshots.list(companyId, query);
  }

  /**
   * Up to `limit` changes (then issues) of the difference a dry run or the deletion guard last computed, after
   * position `after`; none for a snapshot that has not been planned so, or whose plan was applied or rejected.
   */
  async changesOf(companyId: string, snapshotId: string, after: number, limit: number): Promise<PositionedChange[]> {
    await this.get(companyId, snapshotId);
    return this.changes.page(companyId, snapshotId, after, limit);
  }

  async changesOfOwned(source: SnapshotSource, snapshotId: string, after: number, limit: number): Promise<PositionedChange[]> {
    await this.getOwned(source, snapshotId);
    return this.changes.page(source.companyId, snapshotId, after, limit);
  }

  /**
   * Applies a held snapshot, as the difference is now. Should more users lose access now than when it was held,
   * it is held again with the new difference, for the admin to see.
   */
  async confirm(actor: AdminPrincipal, snapshotId: string): Promise<DirectorySnapshot> {
    const started = Date.now();
    const held = await this.transactions.run(async () => {
      const current = await this.lockHeld(actor.companyId, snapshotId);
      await this.auditDecision(actor, current, 'directory_sync.snapshot_confirmed');
      return this.startApplying(current);
    });
    const source = sourceOf(held);
    const settings = await this.settings.get(actor.companyId, held.integrationId);
    const plan = await this.planOrFail(source, held, settings, false);
    if (removalsOf(plan) > removalsRecorded(held)) {
      return this.recordPlan(held, SnapshotState.Held, plan, settings, {
        reason: `${guardReason(plan, settings)}; more than when it was held, so it is held again`,
        expiresInMs: this.expiryMs,
      });
    }
    return this.apply(source, held, plan, settings, started, { adminId: actor.adminId, email: actor.email });
  }

  /** A held (or still open) snapshot never applies; its staged parts are dropped. */
  async reject(actor: AdminPrincipal, snapshotId: string): Promise<DirectorySnapshot> {
    return this.transactions.run(async () => {
      const current = await this.snapshots.findById(actor.companyId, snapshotId, 'FOR UPDATE');
      if (!current) throw DomainException.notFound(`Snapshot ${snapshotId}`);
      if (current.state !== SnapshotState.Held && current.state !== SnapshotState.Open) throw wrongState(current, 'rejected');
      await this.staging.dropParts(actor.companyId, snapshotId);
      await this.changes.drop(actor.companyId, snapshotId);
      await this.auditDecision(actor, current, 'directory_sync.snapshot_rejected');
      return this.snapshots.transition(actor.companyId, snapshotId, SnapshotState.Rejected, {
        reason: 'Rejected by an admin',
        decidedBy: { adminId: actor.adminId, email: actor.email },
      });
    });
  }

  /**
   * Retention, for every company: expires up to `limit` open or held snapshots past their time (their parts are
   * dropped), then deletes up to `limit` records of snapshots that ended more than `days` days ago. Returns how many.
   */
  async purge(days: number, limit: number): Promise<number> {
    return this.transactions.run(
      async () => (await this.snapshots.expireDue(limit)) + (await this.snapshots.deleteEndedBefore(days, limit)),
    );
  }

  private async apply(
    source: SnapshotSource,
    snapshot: DirectorySnapshot,
    plan: SnapshotPlan,
    settings: SourceSettings,
    started: number,
    decidedBy?: Decision,
  ): Promise<DirectorySnapshot> {
    let result;
    try {
      result = await this.applier.apply(source, snapshot.id, plan, settings.deprovisionAction);
    } catch (error) {
      await this.fail(snapshot, error);
      throw error;
    }
    return this.transactions.run(async () => {
      await this.staging.dropParts(source.companyId, snapshot.id);
      await this.changes.drop(source.companyId, snapshot.id);
      await this.supersedeOlderHeld(snapshot);
      const applied = await this.snapshots.transition(source.companyId, snapshot.id, SnapshotState.Applied, {
        planned: planRecord(plan, settings.deprovisionAction),
        result: { applied: result.applied, failed: result.failures.length, failures: firstIssues(result.failures) },
        applied: { durationMs: Date.now() - started },
        ...(decidedBy ? { decidedBy } : {}),
      });
      await this.auditLog.append(source.companyId, {
        actorType: 'integration',
        actorId: source.integrationId,
        action: 'directory_sync.snapshot_applied',
        targetType: 'directory_snapshot',
        targetId: snapshot.id,
        details: { applied: result.applied, failed: result.failures.length, durationMs: applied.durationMs },
      });
      return applied;
    });
  }

  /** Records the plan (its summary on the snapshot, every change to page through) and moves the snapshot to `state`. */
  private async recordPlan(
    snapshot: DirectorySnapshot,
    state: SnapshotState,
    plan: SnapshotPlan,
    settings: SourceSettings,
    record: SnapshotRecord = {},
  ): Promise<DirectorySnapshot> {
    return this.transactions.run(async () => {
      await this.changes.replace(snapshot.companyId, snapshot.id, plannedChanges(plan, settings.deprovisionAction));
      if (state === SnapshotState.Held) await this.supersedeOlderHeld(snapshot);
      return this.snapshots.transition(snapshot.companyId, snapshot.id, state, {
        ...record,
        planned: planRecord(plan, settings.deprovisionAction),
      });
    });
  }

  /**
   * A source's newer snapshot, held or applied, says what its directory holds now: the older ones held for an admin
   * are rejected as superseded (audit-logged), so that a scheduled source never piles them up and confirming a stale
   * one never brings back an older directory.
   */
  private async supersedeOlderHeld(snapshot: DirectorySnapshot): Promise<void> {
    for (const stale of await this.snapshots.heldBefore(snapshot.companyId, snapshot.integrationId, snapshot.id)) {
      await this.staging.dropParts(stale.companyId, stale.id);
      await this.changes.drop(stale.companyId, stale.id);
      await this.snapshots.transition(stale.companyId, stale.id, SnapshotState.Rejected, {
        reason: `Superseded by snapshot ${snapshot.id}, which the same source sent later`,
      });
      await this.auditLog.append(stale.companyId, {
        actorType: 'integration',
        actorId: stale.integrationId,
        action: 'directory_sync.snapshot_superseded',
        targetType: 'directory_snapshot',
        targetId: stale.id,
        details: { supersededBy: snapshot.id },
      });
    }
  }

  private async planOrFail(
    source: SnapshotSource,
    snapshot: DirectorySnapshot,
    settings: SourceSettings,
    dryRun: boolean,
  ): Promise<SnapshotPlan> {
    try {
      return await this.planner.plan(source, snapshot.id, settings.deprovisionAction);
    } catch (error) {
      if (!dryRun) await this.fail(snapshot, error);
      throw error;
    }
  }

  private async fail(snapshot: DirectorySnapshot, error: unknown): Promise<void> {
    const message = error instanceof DomainException ? error.message : 'an unexpected error (see the service log)';
    await this.snapshots.transition(snapshot.companyId, snapshot.id, SnapshotState.Failed, { reason: `Applying stopped: ${message}` });
  }

  /** One snapshot of a source applies at a time: the snapshot's lock and the check serialise commits of one snapshot. */
  private async startApplying(snapshot: DirectorySnapshot): Promise<DirectorySnapshot> {
    if (await this.snapshots.anotherApplying(snapshot.companyId, snapshot.integrationId, snapshot.id)) {
      throw new DomainException(
        DomainErrorCode.InvalidStateTransition,
        'Another snapshot of this source is being applied: commit again when it is done',
      );
    }
    return this.snapshots.transition(snapshot.companyId, snapshot.id, SnapshotState.Applying, { committed: true });
  }

  private async lockOwned(
    source: SnapshotSource,
    snapshotId: string,
    lock: 'FOR SHARE' | 'FOR UPDATE' = 'FOR UPDATE',
  ): Promise<DirectorySnapshot> {
    const snapshot = await this.snapshots.findById(source.companyId, snapshotId, lock);
    if (!snapshot || snapshot.integrationId !== source.integrationId) throw DomainException.notFound(`Snapshot ${snapshotId}`);
    return snapshot;
  }

  private async lockHeld(companyId: string, snapshotId: string): Promise<DirectorySnapshot> {
    const snapshot = await this.snapshots.findById(companyId, snapshotId, 'FOR UPDATE');
    if (!snapshot) throw DomainException.notFound(`Snapshot ${snapshotId}`);
    if (snapshot.state !== SnapshotState.Held || snapshot.expiresAt.getTime() <= Date.now()) throw wrongState(snapshot, 'confirmed');
    return snapshot;
  }

  private async auditDecision(actor: AdminPrincipal, snapshot: DirectorySnapshot, action: string): Promise<void> {
    await this.auditLog.append(actor.companyId, {
      actorType: 'admin',
      actorId: actor.adminId,
      actorEmail: actor.email,
      action,
      targetType: 'directory_snapshot',
      targetId: snapshot.id,
      details: { integrationId: snapshot.integrationId, planned: snapshot.planned?.counts ?? null },
    });
  }
}

function sourceOf(snapshot: DirectorySnapshot): SnapshotSource {
  return { companyId: snapshot.companyId, integrationId: snapshot.integrationId, provider: snapshot.provider as DirectoryProvider };
}

function removalsOf(plan: SnapshotPlan): number {
  return plan.counts.users.disabled + plan.counts.users.deprovisioned;
}

function removalsRecorded(snapshot: DirectorySnapshot): number {
  const counts = snapshot.planned?.counts as { users?: { disabled?: number; deprovisioned?: number } } | undefined;
  return (counts?.users?.disabled ?? 0) + (counts?.users?.deprovisioned ?? 0);
}

function guardReason(plan: SnapshotPlan, settings: SourceSettings): string {
  const percent = Math.round(plan.removalPercent * 100) / 100;
  return (
    `${removalsOf(plan)} of the ${plan.counts.users.managed} users this source manages would lose access (${percent} %), ` +
    `more than its maxDeletePercent of ${settings.maxDeletePercent} %: an admin must confirm or reject the snapshot`
  );
}

function assertOpen(snapshot: DirectorySnapshot): void {
  if (snapshot.state !== SnapshotState.Open) throw wrongState(snapshot, 'changed');
  if (snapshot.expiresAt.getTime() <= Date.now()) {
    throw new DomainException(DomainErrorCode.InvalidStateTransition, `Snapshot ${snapshot.id} has expired: open a new one`);
  }
}

function wrongState(snapshot: DirectorySnapshot, what: string): DomainException {
  return new DomainException(DomainErrorCode.InvalidStateTransition, `Snapshot ${snapshot.id} is ${snapshot.state} and cannot be ${what}`);
}

/** An empty or truncated snapshot never applies: it would deprovision what is missing from it. */
function assertWhole(parts: PartSummary[], declaration: SnapshotDeclaration): void {
  const problems: string[] = [];
  const numbers = parts.map((part) => part.partNumber);
  const missing = Array.from({ length: declaration.parts }, (_, index) => index + 1).filter((number) => !numbers.includes(number));
  const extra = numbers.filter((number) => number > declaration.parts);
  if (missing.length > 0) problems.push(`parts ${missing.join(', ')} were not uploaded`);
  if (extra.length > 0) problems.push(`parts ${extra.join(', ')} are beyond the declared ${declaration.parts}`);
  const users = parts.reduce((sum, part) => sum + part.users, 0);
  const groups = parts.reduce((sum, part) => sum + part.groups, 0);
  if (users !== declaration.users) problems.push(`${users} users were uploaded, ${declaration.users} declared`);
  if (declaration.groups !== undefined && groups !== declaration.groups) {
    problems.push(`${groups} groups were uploaded, ${declaration.groups} declared`);
  }
  if (problems.length > 0) {
    throw new DomainException(DomainErrorCode.InvalidInput, `The snapshot is incomplete and was not applied: ${problems.join('; ')}`);
  }
  if (users === 0) throw new DomainException(DomainErrorCode.InvalidInput, 'The snapshot has no users: an empty snapshot never applies');
}

function assertNoDuplicates(content: SnapshotPartContent): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const note = (key: string, item: string) => (seen.has(key) ? duplicates.add(item) : seen.add(key));
  for (const { profile } of content.users) {
    note(`u:${profile.userName.toLowerCase()}`, `user ${profile.userName}`);
    if (profile.externalId !== null) note(`ue:${profile.externalId}`, `user externalId ${profile.externalId}`);
  }
  for (const group of content.groups) {
    note(`g:${group.displayName.toLowerCase()}`, `group ${group.displayName}`);
    if (group.externalId !== null) note(`ge:${group.externalId}`, `group externalId ${group.externalId}`);
  }
  if (duplicates.size > 0) {
    const named = [...duplicates].slice(0, NAMED_DUPLICATES).join(', ');
    throw new DomainException(DomainErrorCode.InvalidInput, `The part names these more than once: ${named}`);
  }
}
