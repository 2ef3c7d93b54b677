import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsKnownValue } from '../../common/validation/known-value';
import { UserState } from '../entities/user-account.entity';

export class ListUsersQueryDto {
  @ApiPropertyOptional({ enum: UserState, description: 'Any case' })
  @IsOptional()
  @IsKnownValue(Object.values(UserState))
  state?: UserState;

  @ApiPropertyOptional({ description: 'Search in email (userName), display name and name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this group' })
  @IsOptional()
  @IsUUID()
  group?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
