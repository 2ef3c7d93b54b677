import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const GROUPS_DEFAULT_PAGE_SIZE = 50;
export const GROUPS_MAX_PAGE_SIZE = 200;
export const GROUP_MEMBERS_DEFAULT_PAGE_SIZE = 100;
export const GROUP_MEMBERS_MAX_PAGE_SIZE = 1000;

export class ListGroupsRequestDto {
  @ApiPropertyOptional({ description: 'Part of the displayName, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  q?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: GROUPS_MAX_PAGE_SIZE, default: GROUPS_DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(GROUPS_MAX_PAGE_SIZE)
  limit?: number;
}

export class ListGroupMembersRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: GROUP_MEMBERS_MAX_PAGE_SIZE, default: GROUP_MEMBERS_DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(GROUP_MEMBERS_MAX_PAGE_SIZE)
  limit?: number;
}
