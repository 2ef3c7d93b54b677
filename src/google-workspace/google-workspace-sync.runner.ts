import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DirectoryProvider } from '../common/auth/directory-provider';
import { DomainException, httpStatusOf } from '../common/errors/domain.exception';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { SyncOperation } from '../directory-integrations/entities/sync-log-entry.entity';
import { SyncLogRecorder } from '../directory-integrations/sync-log/sync-log.recorder';
import { DirectorySnapshotsService } from '../directory-sync/directory-snapshots.service';
import { DirectorySnapshot, SnapshotState } from '../directory-sync/entities/directory-snapshot.entity';
import { SnapshotOutcome, snapshotStepDetail } from '../directory-sync/snapshot-step-detail';
import { SnapshotPartContent, SnapshotSource } from '../directory-sync/snapshot-items';
import { DirectoryGroupsReader, ExpandedGroup } from './directory-groups.reader';
import { GoogleRunCounts, GoogleRunTrigger, GoogleWorkspaceRun } from './entities/google-workspace-run.entity';
import { GoogleWorkspaceConnection, RunResumePoint } from './entities/google-workspace-connection.entity';
import { GoogleApiError } from './google-api-error';
import { DirectorySession, GoogleDirectoryClient } from './google-directory.client';
import { GoogleWorkspaceConnectionsRepository } from './google-workspace-connections.repository';
import { GoogleWorkspaceRunsRepository, RunEnd } from './google-workspace-runs.repository';
import { inScope, toSnapshotGroups, toSnapshotUser, UserScope } from './google-snapshot.mapping';
import { directoryAccountOf } from './google-workspace-setup';
import { ServiceAccountKeyReader } from './service-account-key.reader';

/** A part is flushed once it holds this many users: a users page (500 at most) more stays within the engine's 5,000. */
const PART_USERS = 4500;
const PART_GROUPS = 1000;
const PART_MEMBERSHIPS = 50_000;
/** A run holds its lease this long past the last renewal; renewed a few times as often. */
export const RUN_LEASE_SECONDS = 120;
const RENEW_INTERVAL_MS = 30_000;
/** Runs kept per tab: a run every 5 minutes keeps about 8 hours of them. */
const KEPT_RUNS = 100;

interface RunOutcome {
  snapshot: DirectorySnapshot;
  counts: GoogleRunCounts;
}

/**
 * One sync of a Google Workspace tab, under the connection's lease: reads the groups in scope (members expanded),
 * then the users page by page into the parts of a directory snapshot, then the groups, and commits it, so the
 * engine's guards, events, audit and sync log apply. Any error, a missing page or an empty answer ends the run
 * before the commit: nothing is applied. The open snapshot and the users page to read next are kept, so the next
 * run continues where this one stopped.
 */
@Injectable()
export class GoogleWorkspaceSyncRunner {
  private readonly logger = new Logger(GoogleWorkspaceSyncRunner.name);
  /** This instance's name on the leases it takes. */
  readonly owner = randomUUID();

  constructor(
    private readonly connections: GoogleWorkspaceConnectionsRepository,
    private readonly runs: GoogleWorkspaceRunsRepository,
    private readonly client: GoogleDirectoryClient,
    private readonly snapshots: DirectorySnapshotsService,
    private readonly recorder: SyncLogRecorder,
    private readonly keys: ServiceAccountKeyReader,
  ) {}

  /** Runs a connection this instance has leased, in its company's scope; always gives the lease back. */
  async run(connection: GoogleWorkspaceConnection, trigger: GoogleRunTrigger, signal?: AbortSignal): Promise<GoogleWorkspaceRun> {
    const { companyId, integrationId } = connection;
    return CompanyScopes.runForCompany(companyId, async () => {
      const renewal = setInterval(() => {
        void this.connections.renew(companyId, integrationId, this.owner, RUN_LEASE_SECONDS).catch(() => undefined);
      }, RENEW_INTERVAL_MS);
      renewal.unref();
      try {
        const run = await this.runs.start(companyId, integrationId, trigger);
        return await this.sync(connection, run.id, signal).then(
          (outcome) => this.runs.finish(companyId, run.id, endOf(outcome)),
          (error: unknown) => this.failed(connection, run.id, error),
        );
      } finally {
        clearInterval(renewal);
        await this.connections.release(companyId, integrationId, this.owner);
        await this.runs
          .deleteOlderThanNewest(companyId, integrationId, KEPT_RUNS)
          .catch((error: unknown) => this.logger.warn({ err: error }, 'Deleting old Google Workspace runs failed; the next run retries'));
      }
    });
  }

  /** Records why the run failed, on the run and in the sync log; the resume point stays for the next run. */
  private async failed(connection: GoogleWorkspaceConnection, runId: string, error: unknown): Promise<GoogleWorkspaceRun> {
    const expected = error instanceof GoogleApiError || error instanceof DomainException;
    if (!expected) this.logger.error({ err: error }, 'A Google Workspace run failed');
    const message = expected ? error.message : 'an unexpected error (see the service log)';
    const snapshotId = (await this.connections.find(connection.companyId, connection.integrationId))?.resume?.snapshotId ?? null;
    this.record(connection, runId, SyncOperation.SnapshotCommit, snapshotId, statusOf(error), `not committed: ${message}`);
    return this.runs.finish(connection.companyId, runId, { state: 'failed', snapshotId, counts: null, result: null, error: message });
  }

  private async sync(connection: GoogleWorkspaceConnection, runId: string, signal?: AbortSignal): Promise<RunOutcome> {
    const session = this.client.open(directoryAccountOf(connection, this.keys.read(connection)), signal);
    await session.authorize();
    const groups =
      connection.scopeKind === 'groups'
        ? await new DirectoryGroupsReader(session).chosenGroups(connection.scopeValues)
        : await new DirectoryGroupsReader(session).allGroups();
    const scope = userScopeOf(connection, groups);
    const source = sourceOf(connection);
    const resume = await this.resumeOrOpen(connection, source, runId);
    await this.uploadUsers(connection, session, scope, source, resume, runId);
    if (resume.userIds.length === 0) {
      throw new GoogleApiError('scope', 'Google answered no users in scope: an empty directory is never applied');
    }
    const { groups: snapshotGroups, memberships } = toSnapshotGroups(groups, resume.userIds);
    let partNumber = resume.nextPart;
    for (const part of groupParts(snapshotGroups, memberships)) {
      await this.upload(connection, source, resume.snapshotId, partNumber++, part, runId);
    }
    const snapshot = await this.snapshots.commit(
      source,
      resume.snapshotId,
      { parts: partNumber - 1, users: resume.userIds.length, groups: snapshotGroups.length },
      false,
    );
    this.record(connection, runId, SyncOperation.SnapshotCommit, snapshot.id, 200, snapshotStepDetail(snapshot as SnapshotOutcome));
    await this.connections.saveResumePoint(connection.companyId, connection.integrationId, this.owner, null);
    return { snapshot, counts: { users: resume.userIds.length, groups: snapshotGroups.length, memberships: memberships.length } };
  }

  /** The users pages not yet uploaded, a part at a time; the resume point moves past each part uploaded. */
  private async uploadUsers(
    connection: GoogleWorkspaceConnection,
    session: DirectorySession,
    scope: UserScope,
    source: SnapshotSource,
    resume: RunResumePoint,
    runId: string,
  ): Promise<void> {
    let buffered: SnapshotPartContent['users'] = [];
    let pageToken = resume.pageToken;
    while (pageToken !== null) {
      const page = await session.usersPage(pageToken === '' ? null : pageToken);
      buffered.push(...page.items.filter((user) => inScope(user, scope)).map(toSnapshotUser));
      pageToken = page.nextPageToken;
      if (buffered.length < PART_USERS && pageToken !== null) continue;
      if (buffered.length > 0) {
        await this.upload(connection, source, resume.snapshotId, resume.nextPart, { users: buffered, groups: [], memberships: [] }, runId);
        resume.userIds.push(...buffered.map((user) => user.profile.externalId!));
        resume.nextPart += 1;
        buffered = [];
      }
      resume.pageToken = pageToken;
      await this.connections.saveResumePoint(connection.companyId, connection.integrationId, this.owner, resume);
    }
  }

  /** The snapshot a failed run left open, where it stopped; else a new one. */
  private async resumeOrOpen(connection: GoogleWorkspaceConnection, source: SnapshotSource, runId: string): Promise<RunResumePoint> {
    const left = connection.resume;
    if (left) {
      const snapshot = await this.snapshots.getOwned(source, left.snapshotId).catch(() => null);
      if (snapshot?.state === SnapshotState.Open && snapshot.expiresAt.getTime() > Date.now() + 60_000)
        return { ...left, userIds: [...left.userIds] };
    }
    const snapshot = await this.snapshots.open(source);
    this.record(connection, runId, SyncOperation.SnapshotOpen, snapshot.id, 201, 'open');
    const resume: RunResumePoint = { snapshotId: snapshot.id, nextPart: 1, pageToken: '', userIds: [] };
    await this.connections.saveResumePoint(connection.companyId, connection.integrationId, this.owner, resume);
    return resume;
  }

  private async upload(
    connection: GoogleWorkspaceConnection,
    source: SnapshotSource,
    snapshotId: string,
    partNumber: number,
    content: SnapshotPartContent,
    runId: string,
  ): Promise<void> {
    const part = await this.snapshots.uploadPart(source, snapshotId, partNumber, content);
    this.record(
      connection,
      runId,
      SyncOperation.SnapshotPart,
      snapshotId,
      200,
      `part ${part.partNumber}: ${part.users} users, ${part.groups} groups, ${part.memberships} member references`,
    );
  }

  /** The run's steps in the tab's sync log, as a Provisioning API client's requests are; the run id as request id. */
  private record(
    connection: GoogleWorkspaceConnection,
    runId: string,
    operation: SyncOperation,
    snapshotId: string | null,
    status: number,
    detail: string,
  ): void {
    this.recorder.record({
      companyId: connection.companyId,
      integrationId: connection.integrationId,
      operation,
      resourceType: 'Snapshot',
      resourceId: snapshotId,
      status,
      detail: detail.slice(0, 1000),
      requestId: runId,
      occurredAt: new Date(),
    });
  }
}

function endOf(outcome: RunOutcome): RunEnd {
  const held = outcome.snapshot.state === SnapshotState.Held;
  return {
    state: held ? 'held' : 'applied',
    snapshotId: outcome.snapshot.id,
    counts: outcome.counts,
    result: held ? { reason: outcome.snapshot.reason } : outcome.snapshot.result,
    error: null,
  };
}

function sourceOf(connection: GoogleWorkspaceConnection): SnapshotSource {
  return { companyId: connection.companyId, integrationId: connection.integrationId, provider: DirectoryProvider.GoogleWorkspace };
}

function userScopeOf(connection: GoogleWorkspaceConnection, groups: ExpandedGroup[]): UserScope {
  const groupUserIds = new Set<string>();
  if (connection.scopeKind === 'groups') for (const group of groups) for (const id of group.userIds) groupUserIds.add(id);
  return {
    kind: connection.scopeKind,
    orgUnits: connection.scopeKind === 'org_units' ? connection.scopeValues : [],
    groupUserIds,
    everyone: connection.scopeKind === 'groups' && groups.some((group) => group.everyone),
  };
}

/** Groups and memberships in parts of their own after the users' parts; a group's members may span parts. */
function* groupParts(
  groups: SnapshotPartContent['groups'],
  memberships: SnapshotPartContent['memberships'],
): Generator<SnapshotPartContent> {
  const count = Math.max(Math.ceil(groups.length / PART_GROUPS), Math.ceil(memberships.length / PART_MEMBERSHIPS));
  for (let index = 0; index < count; index++) {
    yield {
      users: [],
      groups: groups.slice(index * PART_GROUPS, (index + 1) * PART_GROUPS),
      memberships: memberships.slice(index * PART_MEMBERSHIPS, (index + 1) * PART_MEMBERSHIPS),
    };
  }
}

/** The status a failed step is logged with: the engine's own for its refusals, 502 for what Google answered. */
function statusOf(error: unknown): number {
  if (error instanceof DomainException) return httpStatusOf(error.code);
  if (error instanceof GoogleApiError) return 502;
  return 500;
}
