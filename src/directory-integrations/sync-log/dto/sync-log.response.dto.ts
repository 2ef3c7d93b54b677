import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../../../common/auth/directory-provider';
import { SyncOperation } from '../../entities/sync-log-entry.entity';
import { FIRST_FAILURE_STATUS, SYNC_OUTCOMES, SyncLogRow, SyncOutcome } from '../sync-log.repository';

export class SyncLogEntryResponseDto {
  @ApiProperty({ example: '48213' })
  id: string;

  @ApiProperty({ enum: DirectoryProvider })
  provider: DirectoryProvider;

  @ApiProperty({ format: 'uuid', example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90' })
  integrationId: string;

  @ApiProperty({ enum: SyncOperation })
  operation: SyncOperation;

  @ApiProperty({ example: 'User' })
  resourceType: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The route’s id, or the created resource’s; null when none was created',
    example: null,
  })
  resourceId: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The userName the write was about (from the request when it failed)',
    example: 'alice@acme.test',
  })
  userName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Martin' })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '00u1a2b3c4d5e6f7g8h9' })
  externalId: string | null;

  @ApiProperty({ description: 'HTTP status answered to the provider; 499 when it disconnected first', example: 409 })
  status: number;

  @ApiProperty({
    enum: SYNC_OUTCOMES,
    description:
      '`skipped`: answered with success but not applied, because another source manages the resource (the detail ' +
      'names it; docs/ownership.md)',
  })
  outcome: SyncOutcome;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The SCIM error’s scimType (e.g. uniqueness), when it had one',
    example: 'uniqueness',
  })
  scimType: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The SCIM error’s detail, as the provider got it; for a skipped write, why it was not applied',
    example: 'User alice@acme.test already exists',
  })
  detail: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Request id of the log line with the details',
    example: '5f0c6a8e-3b1d-4c52-9a7e-2d4f1b6c8e90',
  })
  requestId: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:02:11.000Z' })
  occurredAt: string;

  static from(row: SyncLogRow): SyncLogEntryResponseDto {
    return {
      id: row.id,
      provider: row.provider,
      integrationId: row.integrationId,
      operation: row.operation,
      resourceType: row.resourceType,
      resourceId: row.resourceId,
      userName: row.userName,
      displayName: row.displayName,
      externalId: row.externalId,
      status: row.status,
      outcome: row.skipReason !== null ? 'skipped' : row.status < FIRST_FAILURE_STATUS ? 'success' : 'failure',
      scimType: row.scimType,
      detail: row.detail,
      requestId: row.requestId,
      occurredAt: row.occurredAt.toISOString(),
    };
  }
}

export class SyncLogPageResponseDto {
  @ApiProperty({ type: [SyncLogEntryResponseDto], description: 'Newest first' })
  items: SyncLogEntryResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last one',
    example: 'c2wxOjQ4MjEy',
  })
  nextCursor: string | null;
}
