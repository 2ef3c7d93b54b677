import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsKnownValue } from '../../common/validation/known-value';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../../common/auth/directory-provider';
import { UserState } from '../entities/user-account.entity';

/** `managedBy=none`: users no directory integration manages (created in the console, by the admin API or a service). */
export const MANAGED_BY_NONE = 'none';
const MANAGED_BY_VALUES: readonly string[] = [...ALL_DIRECTORY_PROVIDERS, MANAGED_BY_NONE];

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

  @ApiPropertyOptional({
    enum: MANAGED_BY_VALUES,
    description: 'Only users managed by this tab (its provider), or `none` for users no tab manages; any case',
  })
  @IsOptional()
  @IsKnownValue(MANAGED_BY_VALUES)
  managedBy?: DirectoryProvider | typeof MANAGED_BY_NONE;

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
