import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../directory-provider';
import { SyncOperation } from '../entities/sync-log-entry.entity';
import { FIRST_FAILURE_STATUS, SyncLogRow } from '../sync-log.repository';

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

  @ApiProperty({ type: String, nullable: true })
  resourceId: string | null;

  @ApiProperty({ description: 'HTTP status answered to the provider; 499 when it disconnected first' })
  status: number;

  @ApiProperty({ enum: ['success', 'failure'] })
  outcome: 'success' | 'failure';

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
      status: row.status,
      outcome: row.status < FIRST_FAILURE_STATUS ? 'success' : 'failure',
      requestId: row.requestId,
      occurredAt: row.occurredAt.toISOString(),
    };
  }
}

export class SyncLogPageResponseDto {
  @ApiProperty({ type: [SyncLogEntryResponseDto], description: 'Newest first' })
  entries: SyncLogEntryResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
