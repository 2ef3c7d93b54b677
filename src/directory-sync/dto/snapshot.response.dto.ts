import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DirectorySnapshot, SnapshotState } from '../entities/directory-snapshot.entity';
import { PartSummary } from '../snapshot-staging.repository';
import { SnapshotPlannedDto, SnapshotResultDto } from './snapshot-record.dto';

const PLANNED_EXAMPLE = {
  counts: {
    users: { managed: 1200, created: 4, updated: 9, enabled: 1, disabled: 0, deprovisioned: 2, unchanged: 1186 },
    groups: { managed: 12, created: 1, updated: 0, deleted: 0, membersAdded: 5, membersRemoved: 2 },
    issues: 0,
  },
  removalPercent: 0.17,
  changes: [{ action: 'user.create', target: 'ada@acme.test', id: null }],
  moreChanges: true,
  issues: [],
};

const RESULT_EXAMPLE = {
  applied: {
    users: { created: 4, updated: 9, enabled: 1, disabled: 0, deprovisioned: 2 },
    groups: { created: 1, updated: 0, deleted: 0, membersAdded: 5, membersRemoved: 2 },
  },
  failed: 0,
  failures: [],
};

export class SnapshotDecisionDto {
  @ApiProperty({ format: 'uuid', example: '3c1f0b7e-2a4d-4e8f-9b6a-1d2c3e4f5a6b' })
  adminId: string;

  @ApiProperty({ type: String, nullable: true, example: 'it-admin@acme.test' })
  email: string | null;

  @ApiProperty({ example: '2026-12-01T09:30:00.000Z' })
  at: string;
}

export class SnapshotResponseDto {
  @ApiProperty({ format: 'uuid', example: '8e2d4c6a-1b3f-4a5e-9c7d-0f1e2d3c4b5a' })
  id: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The source: the directory integration it speaks for',
    example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  })
  integrationId: string;

  @ApiProperty({ example: 'okta' })
  provider: string;

  @ApiProperty({ enum: SnapshotState, example: SnapshotState.Applied })
  state: SnapshotState;

  @ApiProperty({ type: String, nullable: true, description: 'Why it is held, rejected, expired or failed', example: null })
  reason: string | null;

  @ApiProperty({
    type: SnapshotPlannedDto,
    nullable: true,
    description: 'The difference last computed: counts, the share of users losing access, the first 100 changes and issues',
    example: PLANNED_EXAMPLE,
  })
  planned: SnapshotPlannedDto | null;

  @ApiProperty({
    type: SnapshotResultDto,
    nullable: true,
    description: 'What applying did, and the first 100 items a service refused',
    example: RESULT_EXAMPLE,
  })
  result: SnapshotResultDto | null;

  @ApiProperty({ example: '2026-12-01T09:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'When an open or held snapshot expires', example: '2026-12-02T09:00:00.000Z' })
  expiresAt: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T09:05:00.000Z' })
  committedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-12-01T09:05:04.000Z' })
  appliedAt: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'From the commit (or confirmation) to the end of applying', example: 4210 })
  durationMs: number | null;

  @ApiPropertyOptional({ type: SnapshotDecisionDto, nullable: true, description: 'The admin who confirmed or rejected it' })
  decidedBy: SnapshotDecisionDto | null;

  static from(snapshot: DirectorySnapshot): SnapshotResponseDto {
    return {
      id: snapshot.id,
      integrationId: snapshot.integrationId,
      provider: snapshot.provider,
      state: snapshot.state,
      reason: snapshot.reason,
      planned: snapshot.planned as SnapshotPlannedDto | null,
      result: snapshot.result as SnapshotResultDto | null,
      createdAt: snapshot.createdAt.toISOString(),
      expiresAt: snapshot.expiresAt.toISOString(),
      committedAt: snapshot.committedAt?.toISOString() ?? null,
      appliedAt: snapshot.appliedAt?.toISOString() ?? null,
      durationMs: snapshot.durationMs,
      decidedBy:
        snapshot.decidedBy && snapshot.decidedAt
          ? { adminId: snapshot.decidedBy, email: snapshot.decidedByEmail, at: snapshot.decidedAt.toISOString() }
          : null,
    };
  }
}

export class SnapshotPageDto {
  @ApiProperty({ type: [SnapshotResponseDto] })
  items: SnapshotResponseDto[];

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  nextCursor: string | null;
}

export class SnapshotPartResponseDto {
  @ApiProperty({ example: 1 })
  partNumber: number;

  @ApiProperty({ example: 5000 })
  users: number;

  @ApiProperty({ example: 12 })
  groups: number;

  @ApiProperty({ example: 12, description: 'Member references staged (a group’s members and memberships items)' })
  memberships: number;

  static from(part: PartSummary): SnapshotPartResponseDto {
    return { partNumber: part.partNumber, users: part.users, groups: part.groups, memberships: part.memberships };
  }
}
