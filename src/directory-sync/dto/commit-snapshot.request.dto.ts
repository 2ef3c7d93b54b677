import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_SNAPSHOT_PARTS = 10000;

/** What the client sent, declared at commit: a snapshot whose parts or totals differ never applies. */
export class CommitSnapshotRequestDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: MAX_SNAPSHOT_PARTS, description: 'Parts uploaded, numbered 1 to this' })
  @IsInt()
  @Min(1)
  @Max(MAX_SNAPSHOT_PARTS)
  parts: number;

  @ApiProperty({ example: 12000, minimum: 1, description: 'Users in all parts together' })
  @IsInt()
  @Min(0)
  users: number;

  @ApiPropertyOptional({ example: 40, minimum: 0, description: 'Groups in all parts together; checked when given' })
  @IsOptional()
  @IsInt()
  @Min(0)
  groups?: number;

  @ApiPropertyOptional({ example: false, default: false, description: 'true: compute and return the difference, apply nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
