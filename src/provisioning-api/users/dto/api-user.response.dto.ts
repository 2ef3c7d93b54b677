import { ApiProperty } from '@nestjs/swagger';
import { UserAccount, UserState } from '../../../accounts/entities/user-account.entity';

export class ApiUserManagerDto {
  @ApiProperty({ format: 'uuid', example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90' })
  integrationId: string;

  @ApiProperty({ type: String, nullable: true, example: 'provisioning-api' })
  provider: string | null;
}

/** A user as the Provisioning API shows it. */
export class ApiUserResponseDto {
  @ApiProperty({ format: 'uuid', example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d' })
  id: string;

  @ApiProperty({ description: 'The login email (userName): unique in the company, in any case', example: 'alice@acme.test' })
  email: string;

  @ApiProperty({ type: String, nullable: true, description: "Your system's id of the user", example: 'hr-10042' })
  externalId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Alice Martin' })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Alice' })
  givenName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Martin' })
  familyName: string | null;

  @ApiProperty({
    enum: UserState,
    description: 'provisioned (invited, no master password yet), active, disabled or deleted',
    example: UserState.Provisioned,
  })
  state: UserState;

  @ApiProperty({
    type: ApiUserManagerDto,
    nullable: true,
    description: 'The tab (source) that manages the user; null for users created in the console',
  })
  managedBy: ApiUserManagerDto | null;

  @ApiProperty({ description: 'Moves on every change', example: 3 })
  version: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:40:13.000Z' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T10:05:40.000Z' })
  updatedAt: string;

  static from(user: UserAccount): ApiUserResponseDto {
    const name = (user.attributes.name ?? {}) as { givenName?: unknown; familyName?: unknown };
    return {
      id: user.id,
      email: user.userName,
      externalId: user.externalId,
      displayName: user.displayName,
      givenName: typeof name.givenName === 'string' ? name.givenName : null,
      familyName: typeof name.familyName === 'string' ? name.familyName : null,
      state: user.state,
      managedBy: user.integrationId ? { integrationId: user.integrationId, provider: user.integrationProvider } : null,
      version: user.version,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

export class ApiUserPageResponseDto {
  @ApiProperty({ type: [ApiUserResponseDto] })
  items: ApiUserResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last one',
    example: '0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d',
  })
  nextCursor: string | null;
}
