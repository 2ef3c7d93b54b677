import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../directory-provider';
import { SyncOperation } from '../entities/sync-log-entry.entity';
import { FIRST_FAILURE_STATUS, SYNC_OUTCOMES, SyncLogRow, SyncOutcome } from '../sync-log.repository';

export class SyncLogEntryResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: DirectoryProvider })
  provider: DirectoryProvider;

  @ApiProperty({ format: 'uuid' })
  integrationId: string;

  @ApiProperty({ enum: SyncOperation })
  operation: SyncOperation;

  @ApiProperty({ example: 'User' })
  resourceType: string;

  @ApiProperty({ type: String, nullable: true, description: 'The route’s id, or the created resource’s; null when none was created' })
  resourceId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The userName the write was about (from the request when it failed)' })
  userName: string | null;

  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true })
  externalId: string | null;

  @ApiProperty({ description: 'HTTP status answered to the provider; 499 when it disconnected first' })
  status: number;

  @ApiProperty({ enum: SYNC_OUTCOMES })
  outcome: SyncOutcome;

  @ApiProperty({ type: String, nullable: true, description: 'The SCIM error’s scimType (e.g. uniqueness), when it had one' })
  scimType: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The SCIM error’s detail, as the provider got it' })
  detail: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Request id of the log line with the details' })
  requestId: string | null;

  @ApiProperty()
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
      outcome: row.status < FIRST_FAILURE_STATUS ? 'success' : 'failure',
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

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
