import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserState } from '../entities/user-account.entity';
import { AdminUserRow, UserGroupSummary } from '../user-accounts.repository';

export class UserGroupDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  displayName: string;
}

export class ManagingIntegrationDto {
  @ApiProperty({ format: 'uuid' })
  integrationId: string;

  @ApiProperty({ example: 'okta', nullable: true })
  provider: string | null;
}

export class AdminUserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'alice@acme.test' })
  userName: string;

  @ApiProperty({ nullable: true })
  displayName: string | null;

  @ApiProperty({ nullable: true })
  externalId: string | null;

  @ApiProperty({ enum: UserState })
  state: UserState;

  @ApiProperty({ nullable: true, description: 'Given and family name, when the provider sent them' })
  name: Record<string, unknown> | null;

  @ApiProperty({ type: [Object], description: 'Email addresses as the provider sent them' })
  emails: unknown[];

  @ApiProperty({ type: ManagingIntegrationDto, nullable: true, description: 'The directory integration that provisioned the user' })
  managedBy: ManagingIntegrationDto | null;

  @ApiProperty({ nullable: true })
  masterPasswordSetAt: string | null;

  @ApiProperty({ nullable: true, description: 'When the user was deleted' })
  deletedAt: string | null;

  @ApiProperty({
    nullable: true,
    description: 'When retention cleared the deleted user\'s personal data (userName is then empty); the id, state and managedBy stay',
  })
  personalDataPurgedAt: string | null;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;

  @ApiPropertyOptional({ type: [UserGroupDto], description: 'Only on the single-user route' })
  groups?: UserGroupDto[];

  static from({ user, integrationProvider }: AdminUserRow, groups?: UserGroupSummary[]): AdminUserResponseDto {
    return {
      id: user.id,
      userName: user.userName,
      displayName: user.displayName,
      externalId: user.externalId,
      state: user.state,
      name: (user.attributes.name as Record<string, unknown> | undefined) ?? null,
      emails: (user.attributes.emails as unknown[] | undefined) ?? [],
      managedBy: user.integrationId ? { integrationId: user.integrationId, provider: integrationProvider } : null,
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

  @ApiProperty({ nullable: true, description: 'Pass as `cursor` to get the next page; null on the last page' })
  nextCursor: string | null;
}
