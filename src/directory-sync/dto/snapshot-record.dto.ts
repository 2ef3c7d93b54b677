import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SnapshotChangeDto } from './snapshot-changes.dto';

/** The shapes of a snapshot's `planned` and `result` records (stored as JSON; see planned-changes.ts and the applier). */
export class SnapshotUserChangeCountsDto {
  @ApiProperty({ example: 4 })
  created: number;

  @ApiProperty({ description: 'Profile changes', example: 9 })
  updated: number;

  @ApiProperty({ description: 'Disabled users the snapshot lists as active again', example: 1 })
  enabled: number;

  @ApiProperty({ description: 'Users the snapshot lists with active: false', example: 0 })
  disabled: number;

  @ApiProperty({
    description: "Managed users missing from the snapshot: disabled or deleted per the source's deprovisionAction",
    example: 2,
  })
  deprovisioned: number;
}

export class SnapshotUserCountsDto extends SnapshotUserChangeCountsDto {
  @ApiProperty({ description: 'Users the source manages before the snapshot', example: 1200 })
  managed: number;

  @ApiProperty({ example: 1186 })
  unchanged: number;
}

export class SnapshotGroupChangeCountsDto {
  @ApiProperty({ example: 1 })
  created: number;

  @ApiProperty({ description: 'Renames', example: 0 })
  updated: number;

  @ApiProperty({ example: 0 })
  deleted: number;

  @ApiProperty({ example: 5 })
  membersAdded: number;

  @ApiProperty({ example: 2 })
  membersRemoved: number;
}

export class SnapshotGroupCountsDto extends SnapshotGroupChangeCountsDto {
  @ApiProperty({ description: 'Groups the source manages before the snapshot', example: 12 })
  managed: number;
}

export class SnapshotPlanCountsDto {
  @ApiProperty({ type: SnapshotUserCountsDto })
  users: SnapshotUserCountsDto;

  @ApiProperty({ type: SnapshotGroupCountsDto })
  groups: SnapshotGroupCountsDto;

  @ApiProperty({ description: 'Items that would not be applied', example: 0 })
  issues: number;
}

export class SnapshotIssueDto {
  @ApiProperty({ description: 'The item concerned', example: 'user okta-user@acme.test' })
  item: string;

  @ApiProperty({ example: 'userName belongs to a user this source does not manage' })
  problem: string;

  @ApiPropertyOptional({ description: 'The kind of conflict, when a client may act on it', example: 'managed_by_another_source' })
  code?: string;
}

export class SnapshotPlannedDto {
  @ApiProperty({ type: SnapshotPlanCountsDto })
  counts: SnapshotPlanCountsDto;

  @ApiProperty({ description: 'Managed users that would lose access (disabled or deprovisioned), in percent', example: 0.17 })
  removalPercent: number;

  @ApiProperty({ type: [SnapshotChangeDto], description: 'The first 100 changes; every one by GET .../changes' })
  changes: SnapshotChangeDto[];

  @ApiProperty({ description: 'Whether there are more changes than listed here', example: true })
  moreChanges: boolean;

  @ApiProperty({ type: [SnapshotIssueDto], description: 'The first 100 items that would not be applied' })
  issues: SnapshotIssueDto[];
}

export class SnapshotAppliedCountsDto {
  @ApiProperty({ type: SnapshotUserChangeCountsDto })
  users: SnapshotUserChangeCountsDto;

  @ApiProperty({ type: SnapshotGroupChangeCountsDto })
  groups: SnapshotGroupChangeCountsDto;
}

export class SnapshotResultDto {
  @ApiProperty({ type: SnapshotAppliedCountsDto })
  applied: SnapshotAppliedCountsDto;

  @ApiProperty({ description: 'Items the services refused; the rest applied', example: 0 })
  failed: number;

  @ApiProperty({ type: [SnapshotIssueDto], description: 'The first 100 of them' })
  failures: SnapshotIssueDto[];
}
