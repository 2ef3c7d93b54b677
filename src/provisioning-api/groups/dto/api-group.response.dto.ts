import { ApiProperty } from '@nestjs/swagger';
import { UserState } from '../../../accounts/entities/user-account.entity';
import { Group } from '../../../groups/entities/group.entity';
import { GroupMemberPage } from '../../../groups/groups.service';

export class ApiGroupResponseDto {
  @ApiProperty({ format: 'uuid', example: '3d6f2a1b-8c4e-4b9a-a7d2-5e1f0c9b8a76' })
  id: string;

  @ApiProperty({ example: 'Engineering' })
  displayName: string;

  @ApiProperty({ type: String, nullable: true, example: 'dept-eng' })
  externalId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The tab (source) that manages the group; null for groups created otherwise',
    example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90',
  })
  managedByIntegrationId: string | null;

  @ApiProperty({ description: 'Moves on every change', example: 2 })
  version: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:41:07.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:01:55.000Z' })
  updatedAt: string;

  static from(group: Group): ApiGroupResponseDto {
    return {
      id: group.id,
      displayName: group.displayName,
      externalId: group.externalId,
      managedByIntegrationId: group.integrationId,
      version: group.version,
      createdAt: group.createdAt.toISOString(),
      updatedAt: group.updatedAt.toISOString(),
    };
  }
}

export class ApiGroupPageResponseDto {
  @ApiProperty({ type: [ApiGroupResponseDto], description: 'In displayName order' })
  items: ApiGroupResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one', example: null })
  nextCursor: string | null;
}

export class ApiGroupMemberDto {
  @ApiProperty({ format: 'uuid', description: 'The user id', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  id: string;

  @ApiProperty({ example: 'alice@acme.test' })
  email: string;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Martin' })
  displayName: string | null;

  @ApiProperty({ enum: UserState })
  state: UserState;
}

export class ApiGroupMemberPageResponseDto {
  @ApiProperty({ type: [ApiGroupMemberDto], description: 'In user id order' })
  items: ApiGroupMemberDto[];

  @ApiProperty({ description: 'Members of the group in all', example: 118 })
  memberCount: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last one',
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  nextCursor: string | null;

  static from(page: GroupMemberPage): ApiGroupMemberPageResponseDto {
    return {
      items: page.members.map((member) => ({
        id: member.userId,
        email: member.userName,
        displayName: member.displayName,
        state: member.state,
      })),
      memberCount: page.memberCount,
      nextCursor: page.nextCursor,
    };
  }
}
