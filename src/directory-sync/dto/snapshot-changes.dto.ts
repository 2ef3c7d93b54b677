import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { pageOf } from '../../common/pagination/page';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination/id-cursor-page.query.dto';
import { PlannedChange } from '../planned-changes';
import { PositionedChange } from '../snapshot-changes.repository';

export class SnapshotChangesQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,9}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

export class SnapshotChangeDto {
  @ApiProperty({
    enum: [
      'user.create',
      'user.update',
      'user.enable',
      'user.disable',
      'user.delete',
      'group.create',
      'group.update',
      'group.members',
      'group.delete',
      'issue',
    ],
    description: 'What applying would do; `issue`: an item that would not be applied (after every change)',
    example: 'user.create',
  })
  action: string;

  @ApiProperty({ description: 'The userName or group displayName; for an issue, the item concerned', example: 'ada@acme.test' })
  target: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The user or group changed; null for a creation',
    example: null,
  })
  id: string | null;

  @ApiPropertyOptional({ description: "A rename's old name, a members change's counts, an issue's problem", example: '+4 -1' })
  detail?: string;

  @ApiPropertyOptional({
    description: 'The kind of conflict of an issue, when it has one',
    example: 'managed_by_another_source',
  })
  code?: string;

  static from(change: PlannedChange): SnapshotChangeDto {
    return {
      action: change.action,
      target: change.target,
      id: change.id,
      ...(change.detail === undefined ? {} : { detail: change.detail }),
      ...(change.code === undefined ? {} : { code: change.code }),
    };
  }
}

export class SnapshotChangePageDto {
  @ApiProperty({ type: [SnapshotChangeDto] })
  items: SnapshotChangeDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one', example: '50' })
  nextCursor: string | null;

  /** A page from `limit + 1` changes read. */
  static from(rows: PositionedChange[], limit: number): SnapshotChangePageDto {
    const page = pageOf(rows, limit, (last) => String(last.position));
    return { items: page.items.map((change) => SnapshotChangeDto.from(change)), nextCursor: page.nextCursor };
  }
}
