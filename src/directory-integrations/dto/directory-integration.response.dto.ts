import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { PROVIDER_CATALOG, SetupFieldKind } from '../directory-provider-catalog';
import { DirectoryTab } from '../directory-integrations.service';
import { SyncLogRow } from '../sync-log/sync-log.repository';
import { SyncLogEntryResponseDto } from '../sync-log/dto/sync-log.response.dto';

export class TokenCreatorDto {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })
  adminId: string;

  @ApiProperty({ type: String, nullable: true, example: 'owner@acme.test' })
  email: string | null;
}

export class ProvisioningTokenStatusDto {
  @ApiProperty({ enum: ['none', 'active'] })
  status: 'none' | 'active';

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Public start of the token, to recognise it',
    example: 'dpsscim_Xy3kPq',
  })
  prefix: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-11-30T09:31:45.000Z' })
  createdAt: string | null;

  @ApiProperty({ type: TokenCreatorDto, nullable: true })
  createdBy: TokenCreatorDto | null;
}

export class ProvisionedCountersDto {
  @ApiProperty({ description: 'Users provisioned through this integration, deleted ones excluded', example: 1250 })
  users: number;

  @ApiProperty({ description: 'Groups provisioned through this integration', example: 42 })
  groups: number;
}

export class SyncFailuresDto {
  @ApiProperty({ description: 'SCIM writes of this integration that failed in the last 24 hours', example: 3 })
  last24Hours: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'create User alice@acme.test: 409 uniqueness: User alice@acme.test already exists',
    description: 'One line on the latest failure (of any age); null when there never was one',
  })
  latestSummary: string | null;

  @ApiProperty({ type: SyncLogEntryResponseDto, nullable: true, description: 'The latest failure’s sync-log entry' })
  latest: SyncLogEntryResponseDto | null;
}

export class SyncConflictsDto {
  @ApiProperty({ description: 'Writes of this integration skipped in the last 24 hours', example: 2 })
  last24Hours: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example:
      'patch User alice@acme.test: 200: User alice@acme.test is managed by the okta directory integration: only that source changes it',
    description: 'One line on the latest skipped write (of any age); null when there never was one',
  })
  latestSummary: string | null;

  @ApiProperty({ type: SyncLogEntryResponseDto, nullable: true, description: 'The latest skipped write’s sync-log entry' })
  latest: SyncLogEntryResponseDto | null;
}

export class SetupFieldDto {
  @ApiProperty({ description: "The field's label in the provider's own form", example: 'Tenant URL' })
  label: string;

  @ApiProperty({ enum: SetupFieldKind })
  kind: SetupFieldKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What to enter; null for the token, which is shown only when created or reset',
    example: 'https://dps.example.com/scim/v2',
  })
  value: string | null;
}

export class ProviderSetupDto {
  @ApiProperty({ type: [SetupFieldDto] })
  fields: SetupFieldDto[];

  @ApiProperty({
    type: [String],
    example: ['Users are matched on userName (the email) or externalId (the Entra object id).'],
  })
  notes: string[];
}

export class DirectoryIntegrationResponseDto {
  @ApiProperty({ enum: DirectoryProvider })
  provider: DirectoryProvider;

  @ApiProperty({ example: 'Microsoft Entra ID' })
  displayName: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null until the tab is first used',
    example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90',
  })
  integrationId: string | null;

  @ApiProperty({ example: 'https://dps.example.com/scim/v2' })
  scimBaseUrl: string;

  @ApiProperty({ type: ProvisioningTokenStatusDto })
  token: ProvisioningTokenStatusDto;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Time of the last SCIM request (kept to within a few seconds)',
    format: 'date-time',
    example: '2026-11-30T10:02:11.000Z',
  })
  lastSyncAt: string | null;

  @ApiProperty({ type: ProvisionedCountersDto })
  counters: ProvisionedCountersDto;

  @ApiProperty({ type: SyncFailuresDto })
  failures: SyncFailuresDto;

  @ApiProperty({
    type: SyncConflictsDto,
    description:
      'Writes of this provider to users or groups another source manages: answered with success, not applied ' +
      '(docs/ownership.md). Transfer the users, or have the other source stop sending them.',
  })
  conflicts: SyncConflictsDto;

  @ApiProperty({
    description: 'Whether a create (or change) from this source takes over an unmanaged user with the same userName',
    example: false,
  })
  adoptUnmanagedUsers: boolean;

  @ApiProperty({
    type: [String],
    description: 'Shown while no active super admin holds the policy "Permit super admins to reset master passwords"',
    example: [],
  })
  warnings: string[];

  @ApiProperty({ type: ProviderSetupDto })
  setup: ProviderSetupDto;

  static from(
    { provider, summary, failures, conflicts, warnings }: DirectoryTab,
    { scimBaseUrl, apiBaseUrl }: { scimBaseUrl: string; apiBaseUrl: string },
  ): DirectoryIntegrationResponseDto {
    const description = PROVIDER_CATALOG[provider];
    const integration = summary?.integration;
    const token = integration?.tokenPrefix ? integration : null;
    return {
      provider,
      displayName: description.displayName,
      integrationId: integration?.id ?? null,
      scimBaseUrl,
      token: {
        status: token ? 'active' : 'none',
        prefix: token?.tokenPrefix ?? null,
        createdAt: token?.tokenCreatedAt?.toISOString() ?? null,
        createdBy: token?.tokenCreatedBy ? { adminId: token.tokenCreatedBy, email: summary?.tokenCreatedByEmail ?? null } : null,
      },
      lastSyncAt: integration?.lastSyncAt?.toISOString() ?? null,
      counters: { users: summary?.users ?? 0, groups: summary?.groups ?? 0 },
      failures: {
        last24Hours: failures?.lastDay ?? 0,
        latestSummary: failures?.latest ? summaryOf(failures.latest) : null,
        latest: failures?.latest ? SyncLogEntryResponseDto.from({ ...failures.latest, provider }) : null,
      },
      conflicts: {
        last24Hours: conflicts?.lastDay ?? 0,
        latestSummary: conflicts?.latest ? summaryOf(conflicts.latest) : null,
        latest: conflicts?.latest ? SyncLogEntryResponseDto.from({ ...conflicts.latest, provider }) : null,
      },
      adoptUnmanagedUsers: integration?.adoptUnmanagedUsers ?? false,
      warnings,
      setup: {
        fields: description.fields.map((field) => ({
          label: field.label,
          kind: field.kind,
          value: setupValue(field.kind, field.value, { scimBaseUrl, apiBaseUrl }),
        })),
        notes: description.notes,
      },
    };
  }
}

export class DirectoryIntegrationPageResponseDto {
  @ApiProperty({ type: [DirectoryIntegrationResponseDto], description: 'Every provider, in catalogue order' })
  items: DirectoryIntegrationResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: every tab fits on one page', example: null })
  nextCursor: string | null;
}

function setupValue(kind: SetupFieldKind, fixed: string | undefined, urls: { scimBaseUrl: string; apiBaseUrl: string }): string | null {
  switch (kind) {
    case SetupFieldKind.ScimBaseUrl:
      return urls.scimBaseUrl;
    case SetupFieldKind.ApiBaseUrl:
      return urls.apiBaseUrl;
    case SetupFieldKind.Token:
      return null;
    case SetupFieldKind.Value:
      return fixed!;
  }
}

function summaryOf(entry: Omit<SyncLogRow, 'provider'>): string {
  const about = entry.userName ?? entry.displayName ?? entry.externalId ?? entry.resourceId;
  const answer = [entry.status, entry.scimType].filter((part) => part !== null).join(' ');
  return `${entry.operation} ${entry.resourceType}${about ? ` ${about}` : ''}: ${answer}${entry.detail ? `: ${entry.detail}` : ''}`;
}
