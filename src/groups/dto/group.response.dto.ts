import { ApiProperty } from '@nestjs/swagger';
import { UserState } from '../../accounts/entities/user-account.entity';
import { ManagingIntegrationDto } from '../../accounts/dto/admin-user.response.dto';
import { GroupMemberView } from '../groups.service';
import { GroupWithMemberCount } from '../groups.repository';
import { GroupMemberPage, GroupPage } from '../groups.service';

export class GroupResponseDto {
  @ApiProperty({ format: 'uuid', example: '3d6f2a1b-8c4e-4b9a-a7d2-5e1f0c9b8a76' })
  id: string;

  @ApiProperty({ example: 'Engineering' })
  displayName: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The identity provider's id of the group",
    example: '00g1b2c3d4e5f6g7h8i9',
  })
  externalId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The directory integration that manages the group (managedBy.integrationId)',
    example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90',
  })
  integrationId: string | null;

  @ApiProperty({
    type: ManagingIntegrationDto,
    nullable: true,
    description: 'The directory integration that manages the group and its membership (docs/ownership.md); null: none',
  })
  managedBy: ManagingIntegrationDto | null;

  @ApiProperty({ example: 118 })
  memberCount: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:41:07.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:01:55.000Z' })
  updatedAt: string;

  static from({ group, memberCount }: Pick<GroupWithMemberCount, 'group' | 'memberCount'>): GroupResponseDto {
    return {
      id: group.id,
      displayName: group.displayName,
      externalId: group.externalId,
      integrationId: group.integrationId,
      managedBy: group.integrationId ? { integrationId: group.integrationId, provider: group.integrationProvider } : null,
      memberCount,
      createdAt: group.createdAt.toISOString(),
      updatedAt: group.updatedAt.toISOString(),
    };
  }
}

export class GroupPageResponseDto {
  @ApiProperty({ type: [GroupResponseDto], description: 'In displayName order, case-insensitively' })
  items: GroupResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last one',
    example: 'ZW5naW5lZXJpbmc',
  })
  nextCursor: string | null;

  static from(page: GroupPage): GroupPageResponseDto {
    return { items: page.groups.map(GroupResponseDto.from), nextCursor: page.nextCursor };
  }
}

export class GroupMemberResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The user id', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  id: string;

  @ApiProperty({ example: 'alice@acme.test' })
  userName: string;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Martin' })
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

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last one',
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  nextCursor: string | null;

  static from(page: GroupMemberPage): GroupMembersPageResponseDto {
    return {
      group: GroupResponseDto.from(page),
      items: page.members.map(GroupMemberResponseDto.from),
      nextCursor: page.nextCursor,
    };
  }
}
