import { ApiProperty } from '@nestjs/swagger';
import { ProvisioningApiScope } from '../../../common/auth/provisioning-principal';
import { ProvisioningApiKey } from '../entities/provisioning-api-key.entity';

export class ApiKeyResponseDto {
  @ApiProperty({ format: 'uuid', example: '6a1f4c2e-9b7d-4e3a-8f5c-1d2b3a4c5e6f' })
  id: string;

  @ApiProperty({ example: 'HR nightly sync' })
  name: string;

  @ApiProperty({ enum: ProvisioningApiScope })
  scope: ProvisioningApiScope;

  @ApiProperty({ description: 'Public start of the key, to recognise it', example: 'dpsprov_Q8zR2m' })
  prefix: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The provisioning-api tab the key belongs to',
    example: 'e4b7c2a9-1d3f-4a6b-9c8e-5f2d7a1b3c90',
  })
  integrationId: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The admin who created it',
    example: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:31:45.000Z' })
  createdAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Time of the last request with the key (kept to within a few seconds)',
    example: '2026-11-30T10:02:11.000Z',
  })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while the key works', example: null })
  revokedAt: string | null;

  static from(key: ProvisioningApiKey): ApiKeyResponseDto {
    return {
      id: key.id,
      name: key.name,
      scope: key.scope,
      prefix: key.keyPrefix,
      integrationId: key.integrationId,
      createdBy: key.createdBy,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    description: 'The API key, shown only in this response: store it in your script’s secret store at once',
    example: 'dpsprov_EXAMPLE0example0EXAMPLE0example0EXAMPLE0exa',
  })
  key: string;
}

export class ApiKeyPageResponseDto {
  @ApiProperty({ type: [ApiKeyResponseDto] })
  items: ApiKeyResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one', example: null })
  nextCursor: string | null;
}
