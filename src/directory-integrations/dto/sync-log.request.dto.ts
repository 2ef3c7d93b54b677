import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DirectoryProvider } from '../directory-provider';

export const SYNC_LOG_DEFAULT_PAGE_SIZE = 50;
export const SYNC_LOG_MAX_PAGE_SIZE = 200;

export class SyncLogQueryRequestDto {
  @ApiPropertyOptional({ enum: DirectoryProvider })
  @IsOptional()
  @IsEnum(DirectoryProvider)
  provider?: DirectoryProvider;

  @ApiPropertyOptional({
    description: 'An HTTP status (e.g. 409), `success` (below 400) or `failure` (400 and above)',
    example: 'failure',
  })
  @IsOptional()
  @Matches(/^(success|failure|[1-5]\d\d)$/, { message: 'status must be an HTTP status code, success or failure' })
  status?: string;

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
