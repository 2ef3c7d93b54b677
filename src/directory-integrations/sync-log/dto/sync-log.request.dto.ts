import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsKnownValue, unknownValueMessage } from '../../../common/validation/known-value';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../../../common/auth/directory-provider';
import { SYNC_OUTCOMES, SyncOutcome } from '../sync-log.repository';

export const SYNC_LOG_DEFAULT_PAGE_SIZE = 50;
export const SYNC_LOG_MAX_PAGE_SIZE = 200;

export class SyncLogQueryRequestDto {
  @ApiPropertyOptional({ enum: DirectoryProvider, description: 'Any case' })
  @IsOptional()
  @IsKnownValue(ALL_DIRECTORY_PROVIDERS)
  provider?: DirectoryProvider;

  @ApiPropertyOptional({
    description: 'An HTTP status (e.g. 409), `success` (below 400) or `failure` (400 and above)',
    example: '409',
  })
  @IsOptional()
  @Matches(/^(success|failure|[1-5]\d\d)$/i, {
    message: ({ value }) => unknownValueMessage('status', value, ['success', 'failure', 'an HTTP status code (100-599)']),
  })
  status?: string;

  @ApiPropertyOptional({
    enum: SYNC_OUTCOMES,
    description:
      '`success` (below 400, applied), `failure` (400 and above) or `skipped` (answered with success but not applied: ' +
      'another source manages the resource, docs/ownership.md), any case',
  })
  @IsOptional()
  @IsKnownValue(SYNC_OUTCOMES)
  outcome?: SyncOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries recorded at or after this time', example: '2026-11-30T10:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be a date-time such as 2026-11-30T10:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries recorded before this time', example: '2026-11-30T11:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be a date-time such as 2026-11-30T11:00:00Z' })
  until?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SYNC_LOG_MAX_PAGE_SIZE, default: SYNC_LOG_DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SYNC_LOG_MAX_PAGE_SIZE)
  limit?: number;
}

export class SyncActivityQueryRequestDto {
  @ApiPropertyOptional({ enum: DirectoryProvider, description: 'One tab only; any case' })
  @IsOptional()
  @IsKnownValue(ALL_DIRECTORY_PROVIDERS)
  provider?: DirectoryProvider;
}
