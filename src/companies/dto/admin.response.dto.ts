import { ApiProperty } from '@nestjs/swagger';
import { displayPrefixOf } from '../../common/crypto/secret-token';
import { Admin, AdminRole } from '../entities/admin.entity';

export class AdminResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ enum: AdminRole })
  role: AdminRole;

  @ApiProperty({ type: String, nullable: true, description: 'Public start of the newest valid API key, to recognise it' })
  apiKeyPrefix: string | null;

  @ApiProperty()
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
  @ApiProperty({ description: 'The admin API key, shown only in this response' })
  apiKey: string;

  static withKey(admin: Admin, apiKey: string): CreatedAdminResponseDto {
    return { ...AdminResponseDto.from(admin, displayPrefixOf(apiKey)), apiKey };
  }
}

export class AdminPageResponseDto {
  @ApiProperty({ type: [AdminResponseDto] })
  items: AdminResponseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last one' })
  nextCursor: string | null;
}
