import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsOptional, IsUUID } from 'class-validator';
import { UserState } from '../../../accounts/entities/user-account.entity';
import { IdCursorPageQueryDto } from '../../../common/pagination/id-cursor-page.query.dto';
import { IsKnownValue } from '../../../common/validation/known-value';

export class ListApiUsersQueryDto extends IdCursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Only the user with this email, in any case', example: 'alice@acme.test' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ enum: UserState, description: 'Only users in this state (any case); without it, every user but deleted ones' })
  @IsOptional()
  @IsKnownValue(Object.values(UserState))
  state?: UserState;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only members of this group' })
  @IsOptional()
  @IsUUID()
  group?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'Only users changed at or after this time (ISO 8601), e.g. the time of your previous run',
    example: '2026-11-30T00:00:00Z',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'updatedSince must be an ISO 8601 date-time' })
  updatedSince?: Date;
}
