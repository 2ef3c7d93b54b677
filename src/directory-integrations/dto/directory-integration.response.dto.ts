import { ApiProperty } from '@nestjs/swagger';
import { DirectoryProvider } from '../directory-provider';
import { PROVIDER_CATALOG, SetupFieldKind } from '../directory-provider-catalog';
import { DirectoryTab } from '../directory-integrations.service';

export class TokenCreatorDto {
  @ApiProperty({ format: 'uuid' })
  adminId: string;

  @ApiProperty({ type: String, nullable: true })
  email: string | null;
}

export class ProvisioningTokenStatusDto {
  @ApiProperty({ enum: ['none', 'active'] })
  status: 'none' | 'active';

  @ApiProperty({ type: String, nullable: true, description: 'Public start of the token, to recognise it' })
  prefix: string | null;

  @ApiProperty({ type: String, nullable: true })
  createdAt: string | null;

  @ApiProperty({ type: TokenCreatorDto, nullable: true })
  createdBy: TokenCreatorDto | null;
}

export class ProvisionedCountersDto {
  @ApiProperty({ description: 'Users provisioned through this integration, deleted ones excluded' })
  users: number;

  @ApiProperty({ description: 'Groups provisioned through this integration' })
  groups: number;
}

export class SetupFieldDto {
  @ApiProperty({ description: "The field's label in the provider's own form" })
  label: string;

  @ApiProperty({ enum: SetupFieldKind })
  kind: SetupFieldKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What to enter; null for the token, which is shown only when created or reset',
  })
  value: string | null;
}

export class ProviderSetupDto {
  @ApiProperty({ type: [SetupFieldDto] })
  fields: SetupFieldDto[];

  @ApiProperty({ type: [String] })
  notes: string[];
}

export class DirectoryIntegrationResponseDto {
  @ApiProperty({ enum: DirectoryProvider })
  provider: DirectoryProvider;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null until the tab is first used' })
  integrationId: string | null;

  @ApiProperty({ example: 'https://dps.example.com/scim/v2' })
  scimBaseUrl: string;

  @ApiProperty({ type: ProvisioningTokenStatusDto })
  token: ProvisioningTokenStatusDto;

  @ApiProperty({ type: String, nullable: true, description: 'Time of the last SCIM request (kept to within a few seconds)' })
  lastSyncAt: string | null;

  @ApiProperty({ type: ProvisionedCountersDto })
  counters: ProvisionedCountersDto;

  @ApiProperty({ type: ProviderSetupDto })
  setup: ProviderSetupDto;

  static from({ provider, summary }: DirectoryTab, scimBaseUrl: string): DirectoryIntegrationResponseDto {
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
        createdBy: token?.tokenCreatedBy
          ? { adminId: token.tokenCreatedBy, email: summary?.tokenCreatedByEmail ?? null }
          : null,
      },
      lastSyncAt: integration?.lastSyncAt?.toISOString() ?? null,
      counters: { users: summary?.users ?? 0, groups: summary?.groups ?? 0 },
      setup: {
        fields: description.fields.map((field) => ({
          label: field.label,
          kind: field.kind,
          value:
            field.kind === SetupFieldKind.ScimBaseUrl ? scimBaseUrl : field.kind === SetupFieldKind.Token ? null : field.value!,
        })),
        notes: description.notes,
      },
    };
  }
}
