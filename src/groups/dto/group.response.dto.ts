import { ApiProperty } from '@nestjs/swagger';
import { UserState } from '../../accounts/entities/user-account.entity';
import { GroupMemberView } from '../group-members.repository';
import { GroupWithMemberCount } from '../groups.repository';
import { GroupMemberPage, GroupPage } from '../groups.service';

export class GroupResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ type: String, nullable: true, description: "The identity provider's id of the group" })
  externalId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The directory integration that created the group' })
  integrationId: string | null;

  @ApiProperty()
  memberCount: number;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;

  static from({ group, memberCount }: Pick<GroupWithMemberCount, 'group' | 'memberCount'>): GroupResponseDto {
    return {
      id: group.id,
      displayName: group.displayName,
      externalId: group.externalId,
      integrationId: group.integrationId,
      memberCount,
      createdAt: group.createdAt.toISOString(),
      updatedAt: group.updatedAt.toISOString(),
    };
  }
}

export class GroupPageResponseDto {
  @ApiProperty({ type: [GroupResponseDto], description: 'In displayName order, case-insensitively' })
  items: GroupResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;

  static from(page: GroupPage): GroupPageResponseDto {
    return { items: page.groups.map(GroupResponseDto.from), nextCursor: page.nextCursor };
  }
}

export class GroupMemberResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  id: string;

  @ApiProperty()
  userName: string;

  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;

  @ApiProperty({ enum: UserState })
  state: UserState;

  static from(member: GroupMemberView): GroupMemberResponseDto {
    return { id: member.userId, userName: member.userName, displayName: member.displayName, state: member.state };
  }
}

export class GroupMembersPageResponseDto {
  @ApiProperty({ type: GroupResponseDto })
  group: GroupResponseDto;

  @ApiProperty({ type: [GroupMemberResponseDto], description: 'The members, in user id order' })
  items: GroupMemberResponseDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;

  static from(page: GroupMemberPage): GroupMembersPageResponseDto {
    return {
      group: GroupResponseDto.from(page),
      items: page.members.map(GroupMemberResponseDto.from),
      nextCursor: page.nextCursor,
    };
  }
}
