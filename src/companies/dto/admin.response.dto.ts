import { ApiProperty } from '@nestjs/swagger';
import { displayPrefixOf } from '../../common/crypto/secret-token';
import { Admin, AdminRole } from '../entities/admin.entity';

export class AdminResponseDto {
  @ApiProperty({ format: 'uuid', example: '1e3a5c7d-2b4f-4a6e-8c0d-9f1b3d5e7a9c' })
  id: string;

  @ApiProperty({ example: 'it-admin@acme.test' })
  email: string;

  @ApiProperty({ enum: AdminRole })
  role: AdminRole;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Public start of the newest valid API key, to recognise it',
    example: 'dpsadm_k3Pq9Z',
  })
  apiKeyPrefix: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T09:15:27.000Z' })
  createdAt: string;

  static from(admin: Admin, apiKeyPrefix: string | null): AdminResponseDto {
    return {
      id: admin.id,
      email: admin.email,
      role: admin.role,
      apiKeyPrefix,
      createdAt: admin.createdAt.toISOString(),
    };
  }
}

export class CreatedAdminResponseDto extends AdminResponseDto {
  @ApiProperty({
    description: 'The admin API key, shown only in this response',
    example: 'dpsadm_EXAMPLE0example0EXAMPLE0example0EXAMPLE0exa',
  })
  apiKey: string;

  static withKey(admin: Admin, apiKey: string): CreatedAdminResponseDto {
    return { ...AdminResponseDto.from(admin, displayPrefixOf(apiKey)), apiKey };
  }
}

export class AdminPageResponseDto {
  @ApiProperty({ type: [AdminResponseDto] })
  items: AdminResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last one',
    example: null,
  })
  nextCursor: string | null;
}
