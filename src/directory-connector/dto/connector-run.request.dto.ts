import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ConnectorRunResult } from '../entities/connector-run.entity';

export const RUN_RESULTS: ConnectorRunResult[] = ['applied', 'held', 'dry-run', 'failed'];

/** What one run of the agent did, reported when it ends (also when it failed). */
export class ConnectorRunRequestDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:00.000Z' })
  @IsISO8601({ strict: true })
  startedAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T09:00:41.000Z' })
  @IsISO8601({ strict: true })
  finishedAt: string;

  @ApiProperty({ enum: RUN_RESULTS, example: 'applied' })
  @IsIn(RUN_RESULTS)
  result: ConnectorRunResult;

  @ApiProperty({ example: 1200, description: 'Users read from the directory (and sent, unless the run failed before)' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  users: number;

  @ApiProperty({ example: 40 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  groups: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The snapshot the run sent, when it got that far' })
  @IsOptional()
  @IsUUID()
  snapshotId?: string;

  @ApiPropertyOptional({ example: 'LDAP bind failed: invalid credentials (49)', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  error?: string;
}
