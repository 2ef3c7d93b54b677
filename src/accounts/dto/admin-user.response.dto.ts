import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserState } from '../entities/user-account.entity';
import { UserAccount } from '../entities/user-account.entity';
import { UserGroupSummary } from '../user-memberships.port';

export class UserGroupDto {
  @ApiProperty({ format: 'uuid', example: '3d6f2a1b-8c4e-4b9a-a7d2-5e1f0c9b8a76' })
  id: string;

  @ApiProperty({ example: 'Engineering' })
  displayName: string;
}

export class ManagingIntegrationDto {
  @ApiProperty({ format: 'uuid', example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90' })
  integrationId: string;

  @ApiProperty({ type: String, example: 'okta', nullable: true })
  provider: string | null;
}

export class AdminUserResponseDto {
  @ApiProperty({ format: 'uuid', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  id: string;

  @ApiProperty({ example: 'alice@acme.test' })
  userName: string;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Martin' })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '00u1a2b3c4d5e6f7g8h9' })
  externalId: string | null;

  @ApiProperty({ enum: UserState })
  state: UserState;

  @ApiProperty({
    type: Object,
    additionalProperties: true,
    nullable: true,
    description: 'Given and family name, when the provider sent them',
    example: { givenName: 'Alice', familyName: 'Martin' },
  })
  name: Record<string, unknown> | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Email addresses as the provider sent them',
    example: [{ value: 'alice@acme.test', type: 'work', primary: true }],
  })
  emails: unknown[];

  @ApiProperty({
    type: ManagingIntegrationDto,
    nullable: true,
    description: 'The directory integration that manages the user (the only source that changes it; docs/ownership.md); null: none',
  })
  managedBy: ManagingIntegrationDto | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-11-30T09:48:02.000Z' })
  masterPasswordSetAt: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the user was deleted', example: null })
  deletedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: "When retention cleared the deleted user's personal data (userName is then empty); the id, state and managedBy stay",
    example: null,
  })
  personalDataPurgedAt: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:40:13.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:05:40.000Z' })
  updatedAt: string;

  @ApiPropertyOptional({ type: [UserGroupDto], description: 'Only on the single-user route' })
  groups?: UserGroupDto[];

  static from(user: UserAccount, groups?: UserGroupSummary[]): AdminUserResponseDto {
    return {
      id: user.id,
      userName: user.userName,
      displayName: user.displayName,
      externalId: user.externalId,
      state: user.state,
      name: (user.attributes.name as Record<string, unknown> | undefined) ?? null,
      emails: (user.attributes.emails as unknown[] | undefined) ?? [],
      managedBy: user.integrationId ? { integrationId: user.integrationId, provider: user.integrationProvider } : null,
      masterPasswordSetAt: user.masterPasswordSetAt?.toISOString() ?? null,
      deletedAt: user.deletedAt?.toISOString() ?? null,
      personalDataPurgedAt: user.personalDataPurgedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
      ...(groups ? { groups } : {}),
    };
  }
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserResponseDto] })
  items: AdminUserResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` to get the next page; null on the last page',
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  nextCursor: string | null;
}
