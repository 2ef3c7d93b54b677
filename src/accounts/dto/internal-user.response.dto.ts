import { ApiProperty } from '@nestjs/swagger';
import { UserAccount, UserState } from '../entities/user-account.entity';
import { UserGroupSummary } from '../user-memberships.port';
import { isActiveState } from '../user-lifecycle';
import { UserGroupDto } from './admin-user.response.dto';

/** What other services need to know of a user: state and groups. */
export class InternalUserResponseDto {
  @ApiProperty({ format: 'uuid', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  id: string;

  @ApiProperty({ example: 'alice@acme.test' })
  userName: string;

  @ApiProperty({ enum: UserState })
  state: UserState;

  @ApiProperty({ description: 'Whether the user may log in (provisioned or active)', example: true })
  active: boolean;

  @ApiProperty({ type: [UserGroupDto] })
  groups: UserGroupDto[];

  static from(user: UserAccount, groups: UserGroupSummary[]): InternalUserResponseDto {
    return { id: user.id, userName: user.userName, state: user.state, active: isActiveState(user.state), groups };
  }
}
