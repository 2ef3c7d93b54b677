import { ApiProperty } from '@nestjs/swagger';
import { DeprovisionAction } from '../../directory-sync/entities/directory-sync-settings.entity';
import { GoogleRunState, GoogleRunTrigger, GoogleWorkspaceRun } from '../entities/google-workspace-run.entity';
import { GoogleScopeKind } from '../entities/google-workspace-connection.entity';
import { GoogleWorkspaceOverview } from '../google-workspace.service';
import { DirectorySnapshot } from '../../directory-sync/entities/directory-snapshot.entity';

export class ServiceAccountDto {
  @ApiProperty({ example: 'dps-sync@acme.iam.gserviceaccount.com' })
  email: string;

  @ApiProperty({ description: "The key's id (private_key_id); the key itself is never shown", example: '8c2f7d1e0a9b' })
  keyId: string;

  @ApiProperty({ example: '2026-12-01T09:30:00.000Z' })
  uploadedAt: string;
}

export class GoogleScopeResponseDto {
  @ApiProperty({ enum: ['all', 'groups', 'org_units'], example: 'all' })
  kind: GoogleScopeKind;

  @ApiProperty({ type: [String], example: [] })
  values: string[];
}

export class GoogleRunCountsDto {
  @ApiProperty({ description: 'Users in scope that Google listed', example: 1200 })
  users: number;

  @ApiProperty({ example: 40 })
  groups: number;

  @ApiProperty({ description: 'Memberships, nested groups expanded', example: 3100 })
  memberships: number;
}

export class GoogleWorkspaceRunDto {
  @ApiProperty({ format: 'uuid', example: '0f4c2a1e-8b7d-4c6e-9a5f-3e2d1c0b9a8f' })
  id: string;

  @ApiProperty({ enum: ['schedule', 'manual'], example: 'manual' })
  trigger: GoogleRunTrigger;

  @ApiProperty({ enum: ['running', 'applied', 'held', 'failed'], example: 'applied' })
  state: GoogleRunState;

  @ApiProperty({ example: '2026-12-01T09:30:00.000Z' })
  startedAt: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T09:30:12.000Z' })
  finishedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 12000 })
  durationMs: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The directory snapshot the run applied, held or left open',
    example: '8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a',
  })
  snapshotId: string | null;

  @ApiProperty({ type: GoogleRunCountsDto, nullable: true })
  counts: GoogleRunCountsDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The snapshot's result (what applying changed), or the reason it is held",
    example: { applied: { users: { created: 4, updated: 9, enabled: 0, disabled: 1, deprovisioned: 2 } }, failed: 0, failures: [] },
  })
  result: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the run failed: nothing was applied' })
  error: string | null;

  static from(run: GoogleWorkspaceRun): GoogleWorkspaceRunDto {
    return {
      id: run.id,
      trigger: run.trigger,
      state: run.state,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      snapshotId: run.snapshotId,
      counts: run.counts,
      result: run.result,
      error: run.error,
    };
  }
}

export class HeldSnapshotDto {
  @ApiProperty({ format: 'uuid', example: '8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a' })
  id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it is held; confirm or reject it under /api/admin/directory-sync/snapshots',
    example: '300 of the 1200 users this source manages would lose access (25 %), more than its maxDeletePercent of 10 %: …',
  })
  reason: string | null;

  @ApiProperty({ example: '2026-12-02T09:30:00.000Z', description: 'It expires, never applied, unless confirmed by then' })
  expiresAt: string;

  static from(snapshot: DirectorySnapshot): HeldSnapshotDto {
    return { id: snapshot.id, reason: snapshot.reason, expiresAt: snapshot.expiresAt.toISOString() };
  }
}

export class GoogleWorkspaceResponseDto {
  @ApiProperty({
    format: 'uuid',
    description: "The Google Workspace tab's integration id",
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  })
  integrationId: string;

  @ApiProperty({ type: [String], example: [], description: 'What the setup still lacks before a run; empty when complete' })
  missing: string[];

  @ApiProperty({ type: ServiceAccountDto, nullable: true })
  serviceAccount: ServiceAccountDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'it-admin@acme.test' })
  adminEmail: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'C03az79cb' })
  customerId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  domain: string | null;

  @ApiProperty({ type: GoogleScopeResponseDto })
  scope: GoogleScopeResponseDto;

  @ApiProperty({ example: 60, description: 'Minutes between scheduled runs; 0: none' })
  scheduleMinutes: number;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T10:30:00.000Z' })
  nextRunAt: string | null;

  @ApiProperty({ enum: ['disable', 'delete'], example: 'disable' })
  deprovisionAction: DeprovisionAction;

  @ApiProperty({ example: 10 })
  maxDeletePercent: number;

  @ApiProperty({ description: 'A run is under way on some instance', example: false })
  running: boolean;

  @ApiProperty({ type: GoogleWorkspaceRunDto, nullable: true })
  lastRun: GoogleWorkspaceRunDto | null;

  @ApiProperty({ type: [GoogleWorkspaceRunDto], description: 'The last ten runs, newest first' })
  recentRuns: GoogleWorkspaceRunDto[];

  @ApiProperty({ type: [HeldSnapshotDto], description: "This tab's snapshots waiting for an admin to confirm or reject them" })
  heldSnapshots: HeldSnapshotDto[];

  static from(overview: GoogleWorkspaceOverview): GoogleWorkspaceResponseDto {
    const connection = overview.connection;
    const runs = overview.runs.map((run) => GoogleWorkspaceRunDto.from(run));
    return {
      integrationId: overview.integrationId,
      missing: overview.missing,
      serviceAccount:
        connection?.serviceAccountEmail && connection.keyId && connection.keyUploadedAt
          ? { email: connection.serviceAccountEmail, keyId: connection.keyId, uploadedAt: connection.keyUploadedAt.toISOString() }
          : null,
      adminEmail: connection?.adminEmail ?? null,
      customerId: connection?.customerId ?? null,
      domain: connection?.domain ?? null,
      scope: { kind: connection?.scopeKind ?? 'all', values: connection?.scopeValues ?? [] },
      scheduleMinutes: connection?.scheduleMinutes ?? 0,
      nextRunAt: connection?.nextRunAt?.toISOString() ?? null,
      deprovisionAction: overview.settings.deprovisionAction,
      maxDeletePercent: overview.settings.maxDeletePercent,
      running: overview.running,
      lastRun: runs[0] ?? null,
      recentRuns: runs,
      heldSnapshots: overview.heldSnapshots.map((snapshot) => HeldSnapshotDto.from(snapshot)),
    };
  }
}

export class ConnectionCheckDto {
  @ApiProperty({ enum: ['key', 'delegation', 'permissions', 'scope'], example: 'delegation' })
  name: string;

  @ApiProperty({ type: Boolean, nullable: true, description: 'null: not checked, an earlier check failed', example: true })
  ok: boolean | null;

  @ApiProperty({ example: 'Google issued a token to act as it-admin@acme.test' })
  detail: string;
}

export class ConnectionTestResponseDto {
  @ApiProperty({ example: false })
  ok: boolean;

  @ApiProperty({ type: String, nullable: true, enum: ['key', 'delegation', 'permissions', 'scope'], description: 'The check that failed' })
  failed: string | null;

  @ApiProperty({ type: [ConnectionCheckDto] })
  checks: ConnectionCheckDto[];
}
